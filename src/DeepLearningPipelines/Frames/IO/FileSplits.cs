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
    /// <summary>The files behind the given paths: a file, or every visible file in a folder (sorted); see <see cref="FileListing"/>.</summary>
    public static List<string> ListFiles(IEnumerable<string> paths, bool recursive = false) => FileListing.Create(paths, recursive).Files;

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
