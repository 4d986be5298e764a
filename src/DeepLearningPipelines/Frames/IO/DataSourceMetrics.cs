namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// What a file reader met in the last complete scan of each input split: malformed records (nulled in PERMISSIVE
/// mode, dropped in DROPMALFORMED mode) and a few example messages that name the file, line and column.
/// </summary>
public sealed class DataSourceMetrics
{
    private readonly long[] _malformed;
    private readonly long[] _dropped;
    private readonly string?[] _firstMessage;

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

    internal void Record(int split, long malformed, long dropped, string? firstMessage)
    {
        _malformed[split] = malformed;
        _dropped[split] = dropped;
        _firstMessage[split] = firstMessage;
    }

    public override string ToString() => $"{MalformedRecords} malformed record(s), {DroppedRecords} dropped";
}
