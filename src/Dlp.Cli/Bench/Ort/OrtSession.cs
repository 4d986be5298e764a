using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Cli.Bench.Ort;

/// <summary>
/// An ONNX Runtime inference session on the CPU for a model with one input: feeds float32 data (narrowed to float16
/// when the model's input is float16) and returns its first output widened to float32.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private const int ElementFloat = 1, ElementFloat16 = 10;

    private readonly OrtRuntime _ort;
    private readonly OrtHandle _env, _options, _session, _memoryInfo;
    private readonly Utf8String _inputName, _outputName;
    private readonly int _inputElementType;

    /// <summary>Opens <paramref name="modelPath"/> with the given intra- and inter-op thread counts and all graph optimisations.</summary>
    public OrtSession(OrtRuntime ort, string modelPath, int intraOpThreads, int interOpThreads)
    {
        _ort = ort;
        _env = ort.CreateEnv();
        _options = ort.CreateSessionOptions(intraOpThreads, interOpThreads);
        _session = ort.CreateSession(_env, modelPath, _options);
        _memoryInfo = ort.CreateCpuMemoryInfo();
        var inputs = ort.IoNames(_session, outputs: false);
        if (inputs.Length != 1) throw new DlpException($"{modelPath} has {inputs.Length} inputs; the ONNX Runtime bench feeds exactly one.");
        InputName = inputs[0];
        OutputName = ort.IoNames(_session, outputs: true)[0];
        _inputName = new Utf8String(InputName);
        _outputName = new Utf8String(OutputName);
        _inputElementType = ort.FirstInputElementType(_session);
        if (_inputElementType is not (ElementFloat or ElementFloat16))
            throw new DlpException($"{modelPath}: input '{InputName}' has ONNX element type {_inputElementType}; only float and float16 are supported.");
    }

    public string InputName { get; }

    /// <summary>The first output, which <see cref="Run"/> returns.</summary>
    public string OutputName { get; }

    /// <summary>Runs the model on <paramref name="input"/> of <paramref name="shape"/>; returns the first output and its shape.</summary>
    public float[] Run(ReadOnlySpan<float> input, ReadOnlySpan<int> shape, out int[] outputShape)
    {
        long[] dims = new long[shape.Length];
        for (int i = 0; i < dims.Length; i++) dims[i] = shape[i];
        if (_inputElementType == ElementFloat16)
        {
            var narrowed = new Half[input.Length];
            for (int i = 0; i < narrowed.Length; i++) narrowed[i] = (Half)input[i];
            fixed (Half* data = narrowed) return Run(data, (nuint)(narrowed.Length * sizeof(Half)), dims, out outputShape);
        }
        fixed (float* data = input) return Run(data, (nuint)(input.Length * sizeof(float)), dims, out outputShape);
    }

    private float[] Run(void* data, nuint bytes, long[] dims, out int[] outputShape)
    {
        using var value = _ort.CreateTensor(_memoryInfo, data, bytes, dims, _inputElementType);
        using var output = _ort.Run(_session, _inputName, value, _outputName);
        var (shape, type) = _ort.TensorInfo(output);
        outputShape = shape.Select(d => checked((int)d)).ToArray();
        int count = outputShape.Aggregate(1, (a, d) => checked(a * d));
        void* result = _ort.TensorData(output);
        return type switch
        {
            ElementFloat => new ReadOnlySpan<float>(result, count).ToArray(),
            ElementFloat16 => Widen(new ReadOnlySpan<Half>(result, count)),
            _ => throw new DlpException($"Output '{OutputName}' has ONNX element type {type}; only float and float16 are supported."),
        };
    }

    private static float[] Widen(ReadOnlySpan<Half> values)
    {
        var wide = new float[values.Length];
        for (int i = 0; i < wide.Length; i++) wide[i] = (float)values[i];
        return wide;
    }

    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
        _memoryInfo.Dispose();
        _env.Dispose();
        _inputName.Dispose();
        _outputName.Dispose();
    }
}
