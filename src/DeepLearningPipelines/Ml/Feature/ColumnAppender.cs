using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>Adds computed columns to a DataFrame a batch at a time, computing all of them in one pass.</summary>
internal static class ColumnAppender
{
    /// <summary>The schema with <paramref name="fields"/> appended; fails if a name is already taken.</summary>
    public static StructType Extend(StructType schema, params StructField[] fields)
    {
        foreach (var f in fields)
            if (schema.Contains(f.Name))
                throw new SchemaException($"Output column '{f.Name}' already exists in the input. Choose another output column name.");
        return new StructType(schema.Fields.Concat(fields));
    }

    /// <summary>
    /// Appends columns computed by <paramref name="compute"/> (one array per new column); rows for which
    /// <paramref name="compute"/> returns a keep-mask entry of false are dropped.
    /// </summary>
    public static DataFrame Append(DataFrame df, StructField[] fields, Func<RowBatch, (object?[][] Columns, bool[]? Keep)> compute, string name) =>
        Append(df, fields, b =>
        {
            var (cols, keep) = compute(b);
            return (cols.Select((c, k) => ColumnBuilder.Build(fields[k].DataType, fields[k].Name, c)).ToArray(), keep);
        }, name);

    /// <summary>Like the boxed overload, with the new columns computed directly as Arrow arrays.</summary>
    public static DataFrame Append(DataFrame df, StructField[] fields, Func<RowBatch, (IArrowArray[] Columns, bool[]? Keep)> compute, string name)
    {
        var schema = Extend(df.Schema, fields);
        return df.MapBatches(b =>
        {
            var (cols, keep) = compute(b);
            var all = new RowBatch(schema, b.Columns.Concat(cols).ToArray(), b.RowCount) { Origins = b.Origins };
            if (keep is null) return all;
            var rows = Enumerable.Range(0, b.RowCount).Where(i => keep[i]).ToList();
            return rows.Count == b.RowCount ? all : all.Take(rows);
        }, schema, name);
    }
}
