using DeepLearningPipelines.Frames.IO;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// Where the rows of a batch were read from: one file and the byte offset of each row's record. Line numbers are
/// worked out only when a message needs one, so carrying origins costs one <c>long</c> per row.
/// </summary>
internal sealed class RowOrigins(string file, long[] offsets)
{
    public string File { get; } = file;

    /// <summary>The origins of the listed rows, in that order.</summary>
    public RowOrigins Take(IReadOnlyList<int> rows)
    {
        var picked = new long[rows.Count];
        for (int i = 0; i < picked.Length; i++) picked[i] = offsets[rows[i]];
        return new RowOrigins(File, picked);
    }

    /// <summary>The origins of the first <paramref name="count"/> rows.</summary>
    public RowOrigins Head(int count) => new(File, offsets[..count]);

    /// <summary><c>file NAME line N</c> for row <paramref name="row"/> of the batch.</summary>
    public string Describe(int row) => $"file {Path.GetFileName(File)} line {LineReader.LineNumberAt(File, offsets[row])}";
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
