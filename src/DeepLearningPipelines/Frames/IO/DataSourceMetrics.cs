namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// What a file reader met: when listing its input folders, folder links skipped and unreadable folders skipped; in
/// the last complete scan of each input split, malformed records (nulled in PERMISSIVE mode, dropped in DROPMALFORMED
/// mode) and a few example messages that name the file, line and column.
/// </summary>
public sealed class DataSourceMetrics
{
    private readonly long[] _malformed;
    private readonly long[] _dropped;
    private readonly string?[] _firstMessage;
    private IReadOnlyList<string> _unreadableFolders = [];

    internal DataSourceMetrics(int splits)
    {
        _malformed = new long[splits];
        _dropped = new long[splits];
        _firstMessage = new string?[splits];
    }

    /// <summary>Records that did not parse cleanly.</summary>
    public long MalformedRecords => _malformed.Sum();

    /// <summary>Records left out of the DataFrame (DROPMALFORMED, or invalid files with dropInvalid).</summary>
    public long DroppedRecords => _dropped.Sum();

    /// <summary>The first problem found in each split that had one.</summary>
    public IReadOnlyList<string> Messages => _firstMessage.Where(m => m is not null).Select(m => m!).ToList();

    /// <summary>The first problem found in split <paramref name="split"/> in its last complete scan, or null.</summary>
    internal string? FirstMessage(int split) => split < _firstMessage.Length ? _firstMessage[split] : null;

    /// <summary>The files found when listing the input paths (before sampling), in listing order.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>How many files were found when listing the input paths (before sampling).</summary>
    public long ListedFiles => Files.Count;

    /// <summary>
    /// Folders not listed because they are reached through a symbolic link whose real folder was already listed
    /// (for example <c>ln -s . self</c>); listing each real folder once keeps link cycles from looping.
    /// </summary>
    public int SkippedFolderLinks { get; private set; }

    /// <summary>Sub-folders that could not be listed (permission denied) and were skipped because invalid input is dropped.</summary>
    public IReadOnlyList<string> UnreadableFolders => _unreadableFolders;

    /// <summary>One line per listing problem that did not fail the read, for a command line to print; empty when none.</summary>
    public IReadOnlyList<string> ListingWarnings
    {
        get
        {
            var warnings = new List<string>();
            if (SkippedFolderLinks > 0)
                warnings.Add($"warning: skipped {SkippedFolderLinks} folder link(s) leading to folders already listed (link cycles or duplicates).");
            if (_unreadableFolders.Count > 0)
                warnings.Add($"warning: skipped {_unreadableFolders.Count} unreadable folder(s), first {_unreadableFolders[0]}.");
            return warnings;
        }
    }

    internal void Record(int split, long malformed, long dropped, string? firstMessage)
    {
        _malformed[split] = malformed;
        _dropped[split] = dropped;
        _firstMessage[split] = firstMessage;
    }

    internal void RecordListing(FileListing listing)
    {
        Files = listing.Files;
        SkippedFolderLinks = listing.SkippedFolderLinks;
        _unreadableFolders = listing.UnreadableFolders.ToList();
    }

    public override string ToString() =>
        $"{MalformedRecords} malformed record(s), {DroppedRecords} dropped" +
        (SkippedFolderLinks > 0 ? $", {SkippedFolderLinks} folder link(s) skipped" : "") +
        (_unreadableFolders.Count > 0 ? $", {_unreadableFolders.Count} unreadable folder(s) skipped" : "");
}
