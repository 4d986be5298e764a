using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// What <see cref="DeepImagePredictor"/> checks before it classifies anything: that a zoo model has an ImageNet
/// classifier top and its weights (not only the backbone's), and that a decoded model gives the 1000 ImageNet classes.
/// </summary>
internal static class ImageNetClassifier
{
    /// <summary>The error for a model without its classifier; <paramref name="detail"/> says why and what to do.</summary>
    public static ModelFormatException Missing(string model, string detail) =>
        new($"Model {model}: this model has no ImageNet classifier; use the featurizer or load the weights with the top ({detail}).");

    /// <summary>
    /// For a zoo name: fails when the model has no top, when its TF.js folder holds the backbone only, or when only the
    /// weights without the top are present and downloads are off. Model files are checked once loaded (<see cref="RequireClasses"/>).
    /// </summary>
    public static void RequireTopWeights(ModelRegistry registry, string nameOrPath)
    {
        if (!ImageModels.IsZooName(nameOrPath)) return;
        var zoo = ZooCatalog.Get(nameOrPath);
        if (!ModelLoader.HasTop(zoo))
            throw Missing(zoo.Name, $"{zoo.Name} is a feature extractor without a top; use DeepImageFeaturizer, or a classifier file as modelName");
        var location = registry.Find(zoo.Name, includeTop: true);
        if (location is null && !registry.Options.AllowDownload)
            throw Missing(zoo.Name, $"{registry.Options.ModelsDirectory} has no weights with the top: put {registry.OfficialFile(zoo, includeTop: true).FileName} there, or run 'dlp models fetch {zoo.Name} --include-top' while online");
        if (location is { Format: ModelWeightsFormat.TfjsFolder } && !HasTopWeights(zoo, location.Path))
            throw Missing(zoo.Name, $"{location.Path} holds the model without its top");
    }

    /// <summary>Fails unless <paramref name="model"/> gives one value per ImageNet class, as <c>decodePredictions</c> needs.</summary>
    public static void RequireClasses(ImageModel model)
    {
        int perImage = model.FeatureShape.Skip(1).Aggregate(1, (n, d) => n * d);
        if (perImage != ImageNetLabels.All.Count)
            throw Missing(model.Spec.Name, $"its output '{model.Spec.FeatureValue}' has shape [{string.Join(",", model.FeatureShape.Skip(1))}] per image, not the {ImageNetLabels.All.Count} ImageNet classes decodePredictions needs");
    }

    /// <summary>True when the TF.js manifest at <paramref name="modelJson"/> holds weights of a layer only the model with its top has.</summary>
    internal static bool HasTopWeights(ZooModel zoo, string modelJson)
    {
        var topLayers = zoo.Architecture(includeTop: true).Layers.Select(l => l.Name)
            .Except(zoo.Architecture(includeTop: false).Layers.Select(l => l.Name)).ToHashSet(StringComparer.Ordinal);
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(modelJson)); }
        catch (JsonException) { return true; } // unreadable: loading it reports why
        return ((root as JsonObject)?["weightsManifest"] as JsonArray ?? [])
            .SelectMany(group => (group as JsonObject)?["weights"] as JsonArray ?? [])
            .Select(w => (w as JsonObject)?["name"]?.GetValue<string>())
            .OfType<string>()
            .Any(name => name.Split('/').Any(topLayers.Contains));
    }
}
