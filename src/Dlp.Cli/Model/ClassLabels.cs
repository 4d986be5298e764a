using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Cli.Model;

/// <summary>Class names by index: the ImageNet labels, or a file (JSON like <c>imagenet_class_index.json</c>, or one label per line).</summary>
internal static class ClassLabels
{
    /// <summary>The 1000 ImageNet descriptions in Keras' order.</summary>
    public static IReadOnlyList<string> ImageNet => ImageNetLabels.All.Select(c => c.Description).ToArray();

    /// <summary>
    /// Reads <paramref name="path"/>: a JSON object from index to label (a string, or an array whose last element is
    /// the label, e.g. <c>["n01440764","tench"]</c>), a JSON array of labels, or plain text with one label per line.
    /// </summary>
    public static IReadOnlyList<string> Load(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException($"--labels {path}: no such file.");
        string text = File.ReadAllText(path);
        if (!text.TrimStart().StartsWith('{') && !text.TrimStart().StartsWith('['))
            return text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array) return root.EnumerateArray().Select(LabelOf).ToArray();
            var byIndex = root.EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => LabelOf(p.Value));
            return Enumerable.Range(0, byIndex.Count).Select(i => byIndex.TryGetValue(i, out var label) ? label
                : throw new DataFormatException($"--labels {path}: class indices must run from 0 to {byIndex.Count - 1}; {i} is missing.")).ToArray();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new DataFormatException($"--labels {path}: not a label list ({e.Message}).", e);
        }
    }

    private static string LabelOf(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e[e.GetArrayLength() - 1].GetString()! : e.GetString()!;
}
