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
        var shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        if (outputs is { Count: > 0 })
        {
            graph.Outputs.Clear();
            foreach (var name in outputs)
            {
                if (!shapes.TryGetValue(name, out var shape) || graph.Initializers.ContainsKey(name))
                    throw new ModelFormatException($"{files.Network} has no value '{name}'; its output is {string.Join(", ", OnnxImporter.Load(files.Network).Outputs.Select(o => o.Name))}.");
                graph.Outputs.Add(new ValueInfo(name, [-1, .. shape[1..]]));
            }
        }
        return graph;
    }
}
