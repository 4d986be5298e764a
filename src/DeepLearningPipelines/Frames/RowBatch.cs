using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames;

/// <summary>A columnar slice of a partition: one array per column, all of the same length.</summary>
public sealed class RowBatch
{
    public RowBatch(StructType schema, object?[][] columns, int rowCount)
    {
        if (columns.Length != schema.Count)
            throw new SchemaException($"Batch has {columns.Length} columns but the schema has {schema.Count}.");
        Schema = schema;
        Columns = columns;
        RowCount = rowCount;
    }

    public StructType Schema { get; }

    /// <summary>Column-major values: <c>Columns[column][row]</c>.</summary>
    public object?[][] Columns { get; }

    public int RowCount { get; }

    /// <summary>The stable identity of each row and, when the batch was read from a text file, the file line of each row.</summary>
    internal RowOrigins? Origins { get; init; }

    /// <summary>The values of the named column.</summary>
    public object?[] Column(string name) => Columns[Schema.FieldIndex(name)];

    /// <summary>Builds a batch from row-major values.</summary>
    public static RowBatch FromRows(StructType schema, IReadOnlyList<object?[]> rows)
    {
        var cols = new object?[schema.Count][];
        for (int c = 0; c < cols.Length; c++)
        {
            cols[c] = new object?[rows.Count];
            for (int r = 0; r < rows.Count; r++) cols[c][r] = rows[r][c];
        }
        return new RowBatch(schema, cols, rows.Count);
    }

    /// <summary>An empty batch of the given schema.</summary>
    public static RowBatch Empty(StructType schema) =>
        new(schema, Enumerable.Range(0, schema.Count).Select(_ => Array.Empty<object?>()).ToArray(), 0);

    /// <summary>The values of one row.</summary>
    public object?[] RowValues(int row)
    {
        var v = new object?[Columns.Length];
        for (int c = 0; c < v.Length; c++) v[c] = Columns[c][row];
        return v;
    }

    public Row GetRow(int row) => new(Schema, RowValues(row));

    public IEnumerable<Row> Rows()
    {
        for (int r = 0; r < RowCount; r++) yield return GetRow(r);
    }

    /// <summary>The rows whose positions are listed, in that order.</summary>
    public RowBatch Take(IReadOnlyList<int> rows)
    {
        var cols = new object?[Columns.Length][];
        for (int c = 0; c < cols.Length; c++)
        {
            var src = Columns[c];
            var dst = new object?[rows.Count];
            for (int i = 0; i < dst.Length; i++) dst[i] = src[rows[i]];
            CastFailures.CopyTo(src, dst, rows);
            cols[c] = dst;
        }
        return new RowBatch(Schema, cols, rows.Count) { Origins = Origins?.Take(rows) };
    }

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public RowBatch Head(int count)
    {
        if (count >= RowCount) return this;
        var cols = Columns.Select(c =>
        {
            var head = c[..count];
            CastFailures.CopyHead(c, head, count);
            return head;
        }).ToArray();
        return new RowBatch(Schema, cols, count) { Origins = Origins?.Head(count) };
    }

    /// <summary>The same batch, with the origins of its rows.</summary>
    internal RowBatch WithOrigins(RowOrigins origins) => new(Schema, Columns, RowCount) { Origins = origins };

    /// <summary>The same columns under another schema of equal width (renames, type-preserving).</summary>
    public RowBatch WithSchema(StructType schema) => new(schema, Columns, RowCount) { Origins = Origins };
}
