using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Cli.Models;

/// <summary>One row of <c>dlp models list</c>.</summary>
public sealed record ModelSummary(string Name, long Parameters, int InputSize, string Preprocessing, int FeatureSize, int FlattenedFeatureSize, string FeatureLayer, bool WeightsPresent)
{
    /// <summary>Summaries of every built-in model; <c>WeightsPresent</c> says whether weights without top are in the registry's folder.</summary>
    public static IReadOnlyList<ModelSummary> All(ModelRegistry registry) => ZooCatalog.All.Select(m => new ModelSummary(
        m.Name, m.ParameterCount(includeTop: true), m.InputSize, m.Preprocessing.KerasName(), m.PooledFeatureSize, m.FlattenedFeatureSize, m.FeatureLayer,
        Present(registry, m.Name))).ToList();

    private static bool Present(ModelRegistry registry, string name)
    {
        try
        {
            return registry.IsPresent(name);
        }
        catch (Core.DlpException)
        {
            return false; // a file that fails its digest is not usable weights
        }
    }
}
