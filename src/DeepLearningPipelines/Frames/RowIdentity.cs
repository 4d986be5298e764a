namespace DeepLearningPipelines.Frames;

/// <summary>
/// Stable 64-bit row identities and the per-row draws of <c>Sample</c> and <c>RandomSplit</c>. An identity depends
/// only on where a row comes from, never on partitions, cores or processes: a file's path relative to the path the
/// user gave plus the line its record starts on (CSV), the file itself (images, binary files), or the row's index
/// in the input (<c>CreateDataFrame</c>, <c>Range</c>). Rows whose identity was lost (after an aggregation, or a
/// batch function that changed the number of rows) are identified by a hash of their values
/// (<see cref="RowValueHash"/>).
/// </summary>
internal static class RowIdentity
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private static readonly ulong InMemory = OfName("<in-memory>");

    /// <summary>The identity of source <paramref name="name"/> (see <see cref="SourceName"/>).</summary>
    public static ulong OfName(string name)
    {
        ulong h = 0xCBF29CE484222325UL; // FNV-1a over the UTF-16 code units, then mixed
        foreach (char c in name) h = (h ^ c) * 0x100000001B3UL;
        return Mix(h);
    }

    /// <summary>The identity of record <paramref name="record"/> of source <paramref name="source"/> (an <see cref="OfName"/>).</summary>
    public static ulong OfRecord(ulong source, long record) => Mix(source ^ Mix((ulong)record * Golden + 0x632BE59BD9B4E019UL));

    /// <summary>The identity of the row at <paramref name="index"/> of in-memory input.</summary>
    public static ulong OfIndex(long index) => OfRecord(InMemory, index);

    /// <summary>The identities of a batch's rows: carried ones, else hashes of the rows' values.</summary>
    public static ulong[] Of(RowBatch batch) => batch.Origins?.Keys ?? RowValueHash.Of(batch);

    /// <summary>A uniform draw in [0, 1) that depends only on <paramref name="seed"/> and the row identity <paramref name="key"/>.</summary>
    public static double Draw(long seed, ulong key) => (Mix(key ^ Mix((ulong)seed * Golden + 0xD1B54A32D192ED03UL)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// The identity of a row after a sample with <paramref name="seed"/>: derived from its identity, so still stable, but
    /// different, so that splitting a split again with the same seed draws afresh instead of replaying the first draws.
    /// </summary>
    public static ulong Resampled(long seed, ulong key) => Mix(key + Mix((ulong)seed ^ 0x8CB92BA72F3D8DD7UL));

    /// <summary>
    /// The name that identifies <paramref name="file"/> as a source: its path relative to the folder the user gave
    /// (<paramref name="roots"/>, full paths) with <c>/</c> separators, or its file name when the user gave the file itself.
    /// </summary>
    public static string SourceName(string file, IReadOnlyList<string> roots)
    {
        foreach (var root in roots)
        {
            if (string.Equals(root, file, StringComparison.Ordinal)) return Path.GetFileName(file);
            var folder = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
            if (file.StartsWith(folder, StringComparison.Ordinal)) return file[folder.Length..].Replace(Path.DirectorySeparatorChar, '/');
        }
        return Path.GetFileName(file);
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix with full avalanche.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
