using DeepLearningPipelines.Core;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// ONNX Runtime used directly, as any application would (the package's <see cref="InferenceSession"/> on the file, CPU,
/// all graph optimisations): the bench's yardstick. Feeds float32 data, narrowed to float16 when the model's input is
/// float16, and returns its first output as float32.
/// </summary>
internal sealed class PlainOrtSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName, _outputName;
    private readonly bool _float16Input;

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="threads"/> intra-op threads and one inter-op thread.</summary>
    public PlainOrtSession(string modelPath, int threads)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        _session = new InferenceSession(modelPath, options);
        if (_session.InputMetadata.Count != 1)
            throw new DlpException($"{modelPath} has {_session.InputMetadata.Count} inputs; the bench feeds exactly one.");
        var (name, metadata) = _session.InputMetadata.First();
        _inputName = name;
        _float16Input = metadata.ElementDataType == TensorElementType.Float16;
        if (!_float16Input && metadata.ElementDataType != TensorElementType.Float)
            throw new DlpException($"{modelPath}: input '{name}' has element type {metadata.ElementDataType}; only float and float16 are supported.");
        _outputName = _session.OutputMetadata.Keys.First();
    }

    /// <summary>The native library's version.</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>Runs one batch of <paramref name="shape"/> and returns the first output.</summary>
    public float[] Run(float[] input, int[] shape)
    {
        long[] dims = Array.ConvertAll(shape, d => (long)d);
        using var value = _float16Input
            ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(input, v => (Float16)v), dims)
            : OrtValue.CreateTensorValueFromMemory(input, dims);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_inputName], [value], [_outputName]);
        var output = outputs[0];
        return output.GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16
            ? Array.ConvertAll(output.GetTensorDataAsSpan<Float16>().ToArray(), h => (float)h)
            : output.GetTensorDataAsSpan<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
