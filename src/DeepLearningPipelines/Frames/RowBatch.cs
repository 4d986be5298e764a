using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// A columnar slice of a partition: one Apache Arrow array per column, all of the same length. Columns are read
/// typed (<see cref="Column(int)"/>, <see cref="Column{T}(int)"/>) or, at the row edge, boxed (<see cref="GetValue"/>, <see cref="GetRow"/>).
/// </summary>
public sealed class RowBatch
{
    private readonly IArrowArray[] _columns;

    /// <summary>A batch over Arrow arrays whose types are the Arrow storage types of <paramref name="schema"/>.</summary>
    public RowBatch(StructType schema, IArrowArray[] columns, int rowCount)
    {
        if (columns.Length != schema.Count)
            throw new SchemaException($"Batch has {columns.Length} columns but the schema has {schema.Count}.");
        for (int c = 0; c < columns.Length; c++)
            if (columns[c].Length != rowCount)
                throw new SchemaException($"Column '{schema[c].Name}' has {columns[c].Length} values but the batch has {rowCount} rows.");
        Schema = schema;
        _columns = columns;
        RowCount = rowCount;
    }

    public StructType Schema { get; }

    public int RowCount { get; }

    /// <summary>The Arrow arrays of the columns, in schema order.</summary>
    public IReadOnlyList<IArrowArray> Columns => _columns;

    /// <summary>The stable identity of each row and, when the batch was read from a text file, the file line of each row.</summary>
    internal RowOrigins? Origins { get; init; }

    /// <summary>The Arrow array of column <paramref name="index"/>.</summary>
    public IArrowArray Column(int index) => _columns[index];

    /// <summary>The Arrow array of the named column.</summary>
    public IArrowArray Column(string name) => _columns[Schema.FieldIndex(name)];

    /// <summary>Column <paramref name="index"/> as the Arrow array type <typeparamref name="T"/> (e.g. <see cref="DoubleArray"/>).</summary>
    public T Column<T>(int index) where T : IArrowArray =>
        _columns[index] is T typed ? typed
            : throw new SchemaException($"Column '{Schema[index].Name}' ({Schema[index].DataType.SimpleString}) is stored as {_columns[index].GetType().Name}, not {typeof(T).Name}.");

    /// <summary>The named column as the Arrow array type <typeparamref name="T"/>.</summary>
    public T Column<T>(string name) where T : IArrowArray => Column<T>(Schema.FieldIndex(name));

    /// <summary>The value at (<paramref name="column"/>, <paramref name="row"/>), boxed as <see cref="Row"/> values are.</summary>
    public object? GetValue(int column, int row) => ArrowValues.Get(_columns[column], Schema[column].DataType, row);

    /// <summary>Every value of column <paramref name="column"/>, boxed (the row edge; typed code reads <see cref="Column(int)"/>).</summary>
    public object?[] ColumnValues(int column) => ArrowValues.All(_columns[column], Schema[column].DataType);

    /// <summary>Builds a batch from row-major values.</summary>
    public static RowBatch FromRows(StructType schema, IReadOnlyList<object?[]> rows)
    {
        var cols = new IArrowArray[schema.Count];
        for (int c = 0; c < cols.Length; c++)
        {
            var builder = ColumnBuilder.For(schema[c].DataType, schema[c].Name, rows.Count);
            foreach (var row in rows) builder.Append(row[c]);
            cols[c] = builder.Build();
        }
        return new RowBatch(schema, cols, rows.Count);
    }

    /// <summary>An empty batch of the given schema.</summary>
    public static RowBatch Empty(StructType schema) => FromRows(schema, []);

    /// <summary>A batch over the columns of an Arrow record batch (int8/int16 columns widen to int).</summary>
    public static RowBatch FromRecordBatch(RecordBatch batch)
    {
        var schema = ArrowTypes.FromSchema(batch.Schema);
        var cols = new IArrowArray[schema.Count];
        for (int c = 0; c < cols.Length; c++)
        {
            var array = batch.Column(c);
            cols[c] = array is Int8Array or Int16Array
                ? ColumnBuilder.Build(schema[c].DataType, schema[c].Name, Enumerable.Range(0, array.Length).Select(r => ArrowValues.Get(array, schema[c].DataType, r)).ToArray())
                : array;
        }
        return new RowBatch(schema, cols, batch.Length);
    }

    /// <summary>The batch as an Arrow record batch (vector columns carry the VectorUDT extension name).</summary>
    public RecordBatch ToRecordBatch() => new(ArrowTypes.ToSchema(Schema), _columns, RowCount);

    /// <summary>The values of one row.</summary>
    public object?[] RowValues(int row)
    {
        var v = new object?[_columns.Length];
        for (int c = 0; c < v.Length; c++) v[c] = GetValue(c, row);
        return v;
    }

    public Row GetRow(int row) => new(Schema, RowValues(row));

    public IEnumerable<Row> Rows()
    {
        for (int r = 0; r < RowCount; r++) yield return GetRow(r);
    }

    /// <summary>The rows of <paramref name="batches"/> (of one schema, at least one) as one batch; file origins are not kept.</summary>
    internal static RowBatch Concat(IReadOnlyList<RowBatch> batches)
    {
        if (batches.Count == 1) return batches[0];
        var schema = batches[0].Schema;
        var cols = new IArrowArray[schema.Count];
        for (int c = 0; c < cols.Length; c++) cols[c] = ArrowArrayConcatenator.Concatenate(batches.Select(b => b.Column(c)).ToList());
        return new RowBatch(schema, cols, batches.Sum(b => b.RowCount)) { Origins = RowOrigins.Concat(batches) };
    }

    /// <summary>The rows whose positions are listed, in that order.</summary>
    public RowBatch Take(IReadOnlyList<int> rows)
    {
        var cols = new IArrowArray[_columns.Length];
        for (int c = 0; c < cols.Length; c++)
        {
            cols[c] = ArrowTake.Take(_columns[c], Schema[c].DataType, rows);
            CastFailures.CopyTo(_columns[c], cols[c], rows);
        }
        return new RowBatch(Schema, cols, rows.Count) { Origins = Origins?.Take(rows) };
    }

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public RowBatch Head(int count)
    {
        if (count >= RowCount) return this;
        var cols = new IArrowArray[_columns.Length];
        for (int c = 0; c < cols.Length; c++)
        {
            cols[c] = ArrowTake.Head(_columns[c], count);
            CastFailures.CopyHead(_columns[c], cols[c], count);
        }
        return new RowBatch(Schema, cols, count) { Origins = Origins?.Head(count) };
    }

    /// <summary>The same batch, with the file origins of its rows.</summary>
    internal RowBatch WithOrigins(RowOrigins origins) => new(Schema, _columns, RowCount) { Origins = origins };

    /// <summary>The same columns under another schema of equal width (renames; columns of another type are converted).</summary>
    public RowBatch WithSchema(StructType schema)
    {
        if (schema.Count != Schema.Count)
            throw new SchemaException($"Batch has {Schema.Count} columns but the new schema has {schema.Count}.");
        var cols = new IArrowArray[_columns.Length];
        for (int c = 0; c < cols.Length; c++)
            cols[c] = schema[c].DataType == Schema[c].DataType ? _columns[c]
                : ColumnBuilder.Build(schema[c].DataType, schema[c].Name, Enumerable.Range(0, RowCount).Select(r => GetValue(c, r)).ToArray());
        return new RowBatch(schema, cols, RowCount) { Origins = Origins };
    }
}
