namespace DeepLearningPipelines.Fuzz;

/// <summary>One temporary folder per process, emptied before each input, for the loaders that read files.</summary>
internal static class ScratchFolder
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "dlp-fuzz", Environment.ProcessId.ToString());

    /// <summary>An empty folder (created on first use, cleared on later ones).</summary>
    public static string Fresh()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        Directory.CreateDirectory(Root);
        return Root;
    }

    /// <summary>Writes <paramref name="data"/> as <paramref name="name"/> in a fresh folder and returns its path.</summary>
    public static string WriteFile(string name, ReadOnlySpan<byte> data)
    {
        string path = Path.Combine(Fresh(), name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
