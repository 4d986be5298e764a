namespace DeepLearningPipelines.Core.Progress;

/// <summary>
/// One table of a <see cref="JobProgress"/>, e.g. a stream's micro-batches: rows of cells under fixed columns, added from
/// any thread; only the most recent <see cref="MaxRows"/> rows are kept (the count of all rows is).
/// </summary>
public sealed class JobTable
{
    /// <summary>How many of the latest rows a table keeps.</summary>
    public const int MaxRows = 100;

    private readonly Queue<string[]> _rows = new();
    private long _added;

    internal JobTable(string title, IReadOnlyList<string> columns)
    {
        Title = title;
        Columns = columns;
    }

    /// <summary>What the table lists.</summary>
    public string Title { get; }

    /// <summary>The column headings.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Appends a row, one cell per column, dropping the oldest row beyond <see cref="MaxRows"/>.</summary>
    /// <exception cref="ParamException">The row does not have one cell per column.</exception>
    public void AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != Columns.Count)
            throw new ParamException($"Table '{Title}' has {Columns.Count} columns ({string.Join(", ", Columns)}), but the row has {cells.Length} cells.");
        lock (_rows)
        {
            _rows.Enqueue(cells.ToArray());
            if (_rows.Count > MaxRows) _rows.Dequeue();
            _added++;
        }
    }

    internal JobTableSnapshot Snapshot()
    {
        lock (_rows) return new JobTableSnapshot(Title, Columns, _rows.ToList(), _added);
    }
}
