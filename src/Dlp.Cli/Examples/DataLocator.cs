using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary>
/// Finds a sample data set: an explicit path, else <c>$DLP_DATA/&lt;relative&gt;</c>, else the repository's
/// <c>samples/&lt;relative&gt;</c> above the current folder or the program's folder.
/// </summary>
internal static class DataLocator
{
    public static string Find(string? explicitPath, string relative, string optionName)
    {
        if (explicitPath is not null)
        {
            if (File.Exists(explicitPath) || Directory.Exists(explicitPath)) return Path.GetFullPath(explicitPath);
            throw new DataFormatException($"{optionName} {explicitPath}: no such file or folder.");
        }
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("DLP_DATA") is { Length: > 0 } env) candidates.Add(Path.Combine(env, relative));
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                candidates.Add(Path.Combine(dir.FullName, "samples", relative));
        var found = candidates.FirstOrDefault(c => File.Exists(c) || Directory.Exists(c));
        return found ?? throw new DataFormatException(
            $"Cannot find the sample data '{relative}'. Pass {optionName} PATH, set DLP_DATA to a folder that contains '{relative}', or run from a clone of the repository (which ships samples/{relative}).");
    }
}
