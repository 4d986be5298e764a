using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>A byte range of one input file, read by one partition.</summary>
internal sealed record FileSplit(string Path, long Start, long End)
{
    public bool IsFileStart => Start == 0;
}

/// <summary>Lists input files and cuts them into splits so that every core has work.</summary>
internal static class FileSplits
{
    /// <summary>The files behind the given paths: a file, or every visible file in a directory (sorted).</summary>
    public static List<string> ListFiles(IEnumerable<string> paths, bool recursive = false)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(Path.GetFullPath(p));
            else if (Directory.Exists(p))
                files.AddRange(Directory.EnumerateFiles(p, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).StartsWith('_'))
                    .Select(Path.GetFullPath)
                    .Order(StringComparer.Ordinal));
            else throw new DataFormatException($"Path does not exist: {Path.GetFullPath(p)}");
        }
        return files;
    }

    /// <summary>Splits files into byte ranges of at most total/<paramref name="minPartitions"/> bytes (at least 64 KiB each).</summary>
    public static List<FileSplit> Plan(IReadOnlyList<string> files, int minPartitions, bool splittable)
    {
        long total = files.Sum(f => new FileInfo(f).Length);
        long target = Math.Max(64 * 1024, (total + minPartitions - 1) / Math.Max(1, minPartitions));
        var splits = new List<FileSplit>();
        foreach (var f in files)
        {
            long len = new FileInfo(f).Length;
            if (!splittable || len <= target) { splits.Add(new FileSplit(f, 0, Math.Max(len, 1))); continue; }
            for (long s = 0; s < len; s += target) splits.Add(new FileSplit(f, s, Math.Min(len, s + target)));
        }
        return splits;
    }
}
