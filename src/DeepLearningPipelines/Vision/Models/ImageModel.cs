using System.Collections.Concurrent;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// A loaded image network and its <see cref="ImageModelSpec"/>: turns batches of decoded images into feature vectors
/// (pooled or flattened) or class probabilities on an inference engine (<see cref="IExecutionProvider"/>). Pooling and
/// channels-last flattening of a spatial feature are nodes appended to the graph, so the engine computes them.
/// Batches from several threads run concurrently within the session's parallelism, split by <see cref="ExecutionOptions.Budget"/>:
/// threads per run × concurrent runs ≤ parallelism, so that <c>local[1]</c> uses one thread and <c>local[*]</c> every core.
/// </summary>
public sealed class ImageModel : IDisposable
{
    private readonly ModelGraph _graph;
    private readonly IExecutionProvider _provider;
    private readonly ExecutionOptions _options;
    private readonly SemaphoreSlim _runs;
    private readonly string? _pooledValue, _flatValue;
    private readonly ConcurrentDictionary<string, Lazy<ICompiledModel>> _compiled = new(StringComparer.Ordinal);

    /// <param name="graph">The network; it is not modified.</param>
    /// <param name="spec">How to feed it and where its outputs are.</param>
    /// <param name="parallelism">The threads all runs may use together (a session's <c>Parallelism</c>).</param>
    /// <param name="engine">The inference engine; null: <see cref="Engines.Default"/>, falling back to the managed one where ONNX Runtime cannot run the graph.</param>
    /// <param name="device"><c>cpu</c> or <c>cuda</c>; null: <see cref="Devices.Default"/>. Fails here when the engine cannot run on it.</param>
    public ImageModel(ModelGraph graph, ImageModelSpec spec, int parallelism, Engine? engine = null, string? device = null)
        : this(graph, spec, parallelism, g => Engines.ProviderFor(g, engine, device), device)
    {
    }

    /// <summary>As the public constructor, with the provider chosen by <paramref name="providerFor"/> from the prepared graph.</summary>
    internal ImageModel(ModelGraph graph, ImageModelSpec spec, int parallelism, Func<ModelGraph, IExecutionProvider> providerFor, string? device = null)
    {
        Spec = spec;
        if (graph.Inputs.Count != 1)
            throw new ModelFormatException($"Model {spec.Name} has {graph.Inputs.Count} inputs; an image model needs exactly one.");
        InputName = graph.Inputs[0].Name;
        _graph = graph.Clone();
        int[] featureShape;
        try { featureShape = ShapeInference.InferWithUnitBatch(_graph, GraphSorter.Sort(_graph)).GetValueOrDefault(spec.FeatureValue) ?? []; }
        catch (ArgumentException e) { throw new ModelFormatException($"Model {spec.Name}: {e.Message}", e); }
        FeatureShape = featureShape;
        if (featureShape.Length == 0)
            throw new ModelFormatException($"Model {spec.Name}: the feature layer '{spec.FeatureValue}' does not exist. {ValidLayers(graph)}");
        if (featureShape.Length == 4) (_pooledValue, _flatValue) = FeatureNodes.Append(_graph, spec.FeatureValue, spec.FeatureLayout);
        _provider = providerFor(_graph);
        var (runs, threads) = ExecutionOptions.Budget(parallelism);
        ConcurrentRuns = runs;
        _options = new ExecutionOptions { ThreadsPerRun = threads, Device = Devices.Resolve(device) };
        _runs = new SemaphoreSlim(runs);
    }

    public ImageModelSpec Spec { get; }

    /// <summary>The shape of the feature value (a classifier's probabilities) for a batch of one image.</summary>
    internal IReadOnlyList<int> FeatureShape { get; }

    /// <summary>How many batches may run at once; each run gets <see cref="ExecutionOptions.ThreadsPerRun"/> threads.</summary>
    public int ConcurrentRuns { get; }

    /// <summary>The engine that runs this model.</summary>
    public string EngineName => _provider.Name;

    /// <summary>The device the engine runs this model on: <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device => _options.Device;

    private string InputName { get; }

    /// <summary>Feature vectors of <paramref name="images"/>: spatial outputs average-pooled (<paramref name="flatten"/> false) or flattened channels-last, as sparkdl.</summary>
    public float[][] Features(IReadOnlyList<ImageData> images, ResizeOptions resize, bool flatten) =>
        Run(images, resize, (flatten ? _flatValue : _pooledValue) ?? Spec.FeatureValue);

    /// <summary>Class probabilities of <paramref name="images"/>; fails when the model has no probability output.</summary>
    public float[][] Probabilities(IReadOnlyList<ImageData> images, ResizeOptions resize) =>
        Run(images, resize, Spec.ProbabilitiesValue ?? throw new ModelFormatException($"Model {Spec.Name} has no class-probability output; load it with its top (classifier)."));

    /// <summary>
    /// Feature vectors of images already resized and preprocessed into the model's input, one array of
    /// <see cref="InputValuesPerImage"/> values per image in the model's layout (<see cref="ImageModelSpec.InputLayout"/>).
    /// </summary>
    public float[][] Features(IReadOnlyList<float[]> inputs, bool flatten)
    {
        if (inputs.Count == 0) return [];
        using var input = InputTensor(inputs.Count);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length != InputValuesPerImage)
                throw new DataFormatException($"Model {Spec.Name} takes {InputValuesPerImage} input values per image ({Tensor.Format(input.Shape.AsSpan(1))}, {Spec.InputLayout}), but image {i} of the batch has {inputs[i].Length}.");
            inputs[i].CopyTo(input.Span.Slice(i * InputValuesPerImage, InputValuesPerImage));
        }
        return Run(input, (flatten ? _flatValue : _pooledValue) ?? Spec.FeatureValue);
    }

    /// <summary>The number of input values of one image: 3 · height · width.</summary>
    public int InputValuesPerImage => 3 * Spec.InputHeight * Spec.InputWidth;

    private Tensor InputTensor(int images)
    {
        int[] shape = Spec.InputLayout == TensorLayout.Nchw
            ? [images, 3, Spec.InputHeight, Spec.InputWidth]
            : [images, Spec.InputHeight, Spec.InputWidth, 3];
        return new Tensor(shape);
    }

    private float[][] Run(IReadOnlyList<ImageData> images, ResizeOptions resize, string output)
    {
        if (images.Count == 0) return [];
        int per = InputValuesPerImage;
        using var input = InputTensor(images.Count);
        ParallelLoops.For(images.Count, i => ImageResizer.ResizeToTensor(images[i], resize, Spec.Format, input.Span.Slice(i * per, per)));
        return Run(input, output);
    }

    private float[][] Run(Tensor input, string output)
    {
        int count = input.Shape[0];
        var model = Compiled(output);
        Dictionary<string, Tensor> outputs;
        _runs.Wait();
        try { outputs = model.Run(new Dictionary<string, Tensor> { [InputName] = input }); }
        catch (ArgumentException e) { throw new DlpException($"Model {Spec.Name}: {e.Message}", e); }
        finally { _runs.Release(); }
        using var result = outputs[output];
        int size = result.Length / result.Shape[0];
        return Enumerable.Range(0, count).Select(i => result.Span.Slice(i * size, size).ToArray()).ToArray();
    }

    /// <summary>The graph compiled to return <paramref name="output"/>, compiled on first use.</summary>
    private ICompiledModel Compiled(string output) =>
        _compiled.GetOrAdd(output, o => new Lazy<ICompiledModel>(() => _provider.Compile(_graph, [o], _options))).Value;

    public void Dispose()
    {
        foreach (var model in _compiled.Values.Where(l => l.IsValueCreated)) model.Value.Dispose();
        _runs.Dispose();
    }

    /// <summary>The values a feature layer may name, the last ones (nearest the output) first.</summary>
    private static string ValidLayers(ModelGraph graph)
    {
        const int Shown = 40;
        var names = graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0).Reverse().ToList();
        return $"Valid layers ({names.Count}, nearest the output first): {string.Join(", ", names.Take(Shown))}" +
            (names.Count > Shown ? $", … and {names.Count - Shown} more." : ".");
    }
}
