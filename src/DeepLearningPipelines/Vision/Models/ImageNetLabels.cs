using System.Text.Json;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>The 1000 ImageNet classes in Keras' order: WordNet id and readable description (embedded <c>imagenet_class_index.json</c>).</summary>
public static class ImageNetLabels
{
    private static readonly Lazy<(string Id, string Description)[]> Classes = new(Read);

    /// <summary>(WordNet id, description) by class index.</summary>
    public static IReadOnlyList<(string Id, string Description)> All => Classes.Value;

    private static (string, string)[] Read()
    {
        using var stream = typeof(ImageNetLabels).Assembly.GetManifestResourceStream("imagenet_class_index.json")
            ?? throw new InvalidOperationException("The ImageNet class index resource is missing from the assembly.");
        var map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)!;
        return Enumerable.Range(0, map.Count).Select(i => (map[i.ToString(System.Globalization.CultureInfo.InvariantCulture)][0], map[i.ToString(System.Globalization.CultureInfo.InvariantCulture)][1])).ToArray();
    }
}
