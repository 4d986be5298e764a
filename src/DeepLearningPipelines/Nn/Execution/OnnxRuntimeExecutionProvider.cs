using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// ONNX Runtime (NuGet <c>Microsoft.ML.OnnxRuntime</c>) behind the provider seam: the graph is written as ONNX by
/// <see cref="OnnxExporter"/>, with the requested values as its outputs, and loaded into an <see cref="InferenceSession"/>
/// with all of ONNX Runtime's graph optimisations (this library's own fusions are not applied). Inputs and outputs are
/// bound to the tensors' buffers without copies.
/// </summary>
public sealed class OnnxRuntimeExecutionProvider : IExecutionProvider
{
    /// <summary>The engine name, <c>onnxruntime</c>.</summary>
    public const string EngineName = "onnxruntime";

    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>What a CUDA run needs, in the error when it cannot be enabled.</summary>
    public const string CudaRequirements = "CUDA needs the Microsoft.ML.OnnxRuntime.Gpu.Linux package (instead of Microsoft.ML.OnnxRuntime), CUDA 13 and cuDNN 9";

    /// <inheritdoc />
    public string Name => EngineName;

    /// <summary>The nodes whose operator the ONNX exporter cannot write.</summary>
    public ProviderCapability GetCapability(ModelGraph graph) => new(Name, graph.Nodes.Where(n => !OnnxExporter.CanWrite(n.Op))
        .Select(n => new UnsupportedNode(n.Name, n.Op.ToString(), "the ONNX exporter cannot express this operator")).ToList());

    /// <inheritdoc />
    public ICompiledModel Compile(ModelGraph graph, IReadOnlyList<string> outputs, ExecutionOptions? options = null)
    {
        options ??= new ExecutionOptions();
        var capability = GetCapability(graph);
        if (!capability.SupportsAll) throw new ModelFormatException($"Model {graph.Name}: {capability.Describe()}.");
        if (OnnxRuntimeLibrary.LoadError is { } error) throw new DlpException($"ONNX Runtime cannot be loaded ({error}); use the managed engine.");

        var model = WithOutputs(graph, outputs);
        byte[] onnx;
        try { onnx = OnnxExporter.ToBytes(model); }
        catch (ModelFormatException e) { throw new ModelFormatException($"Model {graph.Name} cannot be written as ONNX for ONNX Runtime: {e.Message}", e); }

        using var sessionOptions = SessionOptions(options);
        try { return new OnnxRuntimeCompiledModel(new InferenceSession(onnx, sessionOptions), model, outputs.ToArray()); }
        catch (OnnxRuntimeException e) { throw new ModelFormatException($"Model {graph.Name}: ONNX Runtime rejects the exported graph: {e.Message}", e); }
    }

    /// <summary>
    /// Fails, before any model is compiled, when this process's ONNX Runtime cannot run on <paramref name="device"/>:
    /// it cannot be loaded, or <c>cuda</c> is asked for and its package has no CUDA execution provider (the CPU package).
    /// </summary>
    public void RequireDevice(string device)
    {
        if (Devices.Parse(device) == Devices.Cpu) return;
        if (OnnxRuntimeLibrary.LoadError is { } error)
            throw new DlpException($"device {device}: ONNX Runtime cannot be loaded ({error}). {CudaRequirements}, and an NVIDIA GPU.");
        var available = OnnxRuntimeLibrary.AvailableProviders;
        if (!available.Contains(CudaProvider))
            throw new DlpException($"device {device}: this ONNX Runtime has no CUDA execution provider (it has {string.Join(", ", available)}). {CudaRequirements}, and an NVIDIA GPU.");
    }

    /// <summary>A copy of <paramref name="graph"/> whose outputs are <paramref name="outputs"/> (batch dimension dynamic).</summary>
    private static ModelGraph WithOutputs(ModelGraph graph, IReadOnlyList<string> outputs)
    {
        var copy = graph.Clone();
        var shapes = ShapeInference.InferWithUnitBatch(copy, GraphSorter.Sort(copy));
        copy.Outputs.Clear();
        foreach (var name in outputs)
        {
            if (!shapes.TryGetValue(name, out var shape))
                throw new ModelFormatException($"Model {graph.Name}: value '{name}' does not exist in the graph.");
            copy.Outputs.Add(new ValueInfo(name, shape.Length == 0 ? shape : [-1, .. shape[1..]]));
        }
        return copy;
    }

    private static SessionOptions SessionOptions(ExecutionOptions options)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.ThreadsPerRun ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        switch (options.Device.ToLowerInvariant())
        {
            case Devices.Cpu:
                break;
            case Devices.Cuda:
                try { session.AppendExecutionProvider_CUDA(0); }
                catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                {
                    session.Dispose();
                    throw new DlpException($"device cuda: ONNX Runtime cannot enable CUDA ({e.Message}). {CudaRequirements}, and an NVIDIA GPU.", e);
                }
                break;
            default:
                session.Dispose();
                throw new DlpException($"device '{options.Device}' is not supported; use cpu or cuda.");
        }
        return session;
    }
}
