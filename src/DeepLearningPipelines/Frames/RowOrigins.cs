namespace DeepLearningPipelines.Frames;

/// <summary>
/// Where the rows of a batch came from: the stable identity of each row (<see cref="RowIdentity"/>, what random splits
/// and samples draw from) and, for rows read from a text file, the file and the line each record starts on (for
/// error messages).
/// </summary>
internal sealed class RowOrigins
{
    private readonly long[]? _lines;

    private RowOrigins(ulong[] keys, string? file, long[]? lines)
    {
        Keys = keys;
        File = file;
        _lines = lines;
    }

    /// <summary>The identity of each row (not to be modified).</summary>
    public ulong[] Keys { get; }

    /// <summary>The file the rows were read from, when known.</summary>
    public string? File { get; }

    /// <summary>Rows read from <paramref name="file"/>, known to the splits as <paramref name="source"/>, whose records start on the given 1-based lines.</summary>
    public static RowOrigins OfLines(string file, ulong source, long[] lines)
    {
        var keys = new ulong[lines.Length];
        for (int i = 0; i < keys.Length; i++) keys[i] = RowIdentity.OfRecord(source, lines[i]);
        return new RowOrigins(keys, file, lines);
    }

    /// <summary>Rows known only by their identities.</summary>
    public static RowOrigins OfKeys(ulong[] keys) => new(keys, null, null);

    /// <summary>Origins rebuilt from their parts (rows received from another process).</summary>
    public static RowOrigins Of(ulong[] keys, string? file, long[]? lines) => new(keys, file, lines);

    /// <summary>The 1-based file line of each row, when the rows were read from a text file.</summary>
    public IReadOnlyList<long>? Lines => _lines;

    /// <summary>The origins of the listed rows, in that order.</summary>
    public RowOrigins Take(IReadOnlyList<int> rows)
    {
        var keys = new ulong[rows.Count];
        var lines = _lines is null ? null : new long[rows.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Keys[rows[i]];
            if (lines is not null) lines[i] = _lines![rows[i]];
        }
        return new RowOrigins(keys, File, lines);
    }

    /// <summary>The origins of the batches' rows one after another: their identities, and their lines when all come from one file.</summary>
    public static RowOrigins Concat(IReadOnlyList<RowBatch> batches)
    {
        var keys = batches.SelectMany(RowIdentity.Of).ToArray();
        var file = batches[0].Origins?.File;
        bool oneFile = file is not null && batches.All(b => b.Origins is { _lines: not null } o && o.File == file);
        return new RowOrigins(keys, oneFile ? file : null, oneFile ? batches.SelectMany(b => b.Origins!._lines!).ToArray() : null);
    }

    /// <summary>The origins of the first <paramref name="count"/> rows.</summary>
    public RowOrigins Head(int count) => new(Keys[..count], File, _lines?[..count]);

    /// <summary>The same rows under new identities (as many as there are rows).</summary>
    public RowOrigins WithKeys(ulong[] keys) => new(keys, File, _lines);

    /// <summary><c>file NAME line N</c> for row <paramref name="row"/> of the batch, or null when it was not read from a file.</summary>
    public string? Describe(int row) => _lines is null ? null : $"file {Path.GetFileName(File)} line {_lines[row]}";
}

/// <summary>Maps row numbers of collected batches back to the file lines they were read from, when known.</summary>
internal sealed class RowLocator
{
    private readonly List<(int Start, int Count, RowOrigins Origins)> _runs = [];
    private int _rows;

    /// <summary>Registers the next batch of the collected sequence.</summary>
    public void Add(RowBatch batch)
    {
        if (batch.Origins is not null) _runs.Add((_rows, batch.RowCount, batch.Origins));
        _rows += batch.RowCount;
    }

    /// <summary><c>file NAME line N</c> for collected row <paramref name="row"/>, or null when its origin is unknown.</summary>
    public string? Origin(int row)
    {
        foreach (var (start, count, origins) in _runs)
            if (row >= start && row < start + count) return origins.Describe(row - start);
        return null;
    }

    /// <summary><c>row 5</c>, with <c>(file NAME line N)</c> when the origin is known.</summary>
    public string Row(int row) => Origin(row) is { } o ? $"row {row} ({o})" : $"row {row}";
}

/// <summary>What is known about where a row of a batch came from, for error messages.</summary>
internal static class RowDetails
{
    /// <summary>
    /// <c> (file NAME line N: value 'x' could not be cast to double)</c> for row <paramref name="row"/>, with the parts
    /// that are known (the cast note only when <paramref name="column"/> is given and null from a failed cast), or empty.
    /// </summary>
    public static string Of(RowBatch batch, int row, string? column)
    {
        var origin = batch.Origins?.Describe(row);
        var cast = column is not null && batch.Schema.Contains(column) ? CastFailures.Describe(batch.Column(column), row) : null;
        return (origin, cast) switch
        {
            (null, null) => "",
            (null, _) => $" ({cast})",
            (_, null) => $" ({origin})",
            _ => $" ({origin}: {cast})",
        };
    }
}
