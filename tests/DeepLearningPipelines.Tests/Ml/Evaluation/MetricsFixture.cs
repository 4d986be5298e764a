using System.Text.Json;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>Reads the JSON fixtures written by Fixtures/metrics/generate_metrics_fixtures.py (scikit-learn 1.2.1 and numpy).</summary>
internal static class MetricsFixture
{
    public static JsonElement Load(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "Fixtures", "metrics", fileName);
            if (File.Exists(path))
                return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
        }
        throw new FileNotFoundException($"Fixture {fileName} not found above {AppContext.BaseDirectory}.");
    }

    public static double[] Doubles(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? [] : element.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double[][] Rows(this JsonElement element) =>
        element.EnumerateArray().Select(Doubles).ToArray();

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();
}
