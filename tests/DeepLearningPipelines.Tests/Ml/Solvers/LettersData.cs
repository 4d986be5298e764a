using System.Globalization;

namespace DeepLearningPipelines.Tests.Ml.Solvers;

/// <summary>The UCI letter-recognition data set from the shared data folder next to the repository.</summary>
internal static class LettersData
{
    private static readonly Lazy<(double[][] Features, double[] Labels)> All = new(Load);

    public static double[][] Features => All.Value.Features;
    public static double[] Labels => All.Value.Labels;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearningPipelines.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains DeepLearningPipelines.sln.");
    }

    public static string FixturePath(string name) =>
        Path.Combine(RepositoryRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "solvers", name);

    private static (double[][], double[]) Load()
    {
        string path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "letter-recognition", "letter-recognition.csv"));
        if (!File.Exists(path))
            throw new FileNotFoundException($"The letter-recognition data set is required by these tests and was not found at {path}.", path);
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();
        var features = new double[lines.Length][];
        var labels = new double[lines.Length];
        for (int r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            labels[r] = cells[0];
            features[r] = cells[1..];
        }
        return (features, labels);
    }
}
