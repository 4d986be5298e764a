using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Reads CSV files into a DataFrame: one partition per file split, records parsed batch by batch. Each row is
/// identified by its file's path relative to the path given and the line its record starts on.
/// </summary>
internal static class CsvSource
{
    public static DataFrame Read(DlpSession session, IReadOnlyList<string> paths, CsvOptions o, StructType? userSchema)
    {
        var files = FileSplits.ListFiles(paths);
        if (files.Count == 0) throw new DataFormatException($"No input files found in: {string.Join(", ", paths)}");
        foreach (var f in files) TextSniffer.RequireText(f, "CSV");
        var splits = FileSplits.Plan(files, session.Parallelism, splittable: !o.MultiLine);
        var schema = userSchema ?? InferSchema(files, splits, o);
        var metrics = new DataSourceMetrics(splits.Count);
        var roots = paths.Select(Path.GetFullPath).ToList();
        var plan = new SourcePlan(schema, splits.Count, (p, ctx) => ReadSplit(splits[p], RowIdentity.OfName(RowIdentity.SourceName(splits[p].Path, roots)), p, schema, o, ctx.BatchSize, metrics),
            $"FileScan csv [{string.Join(", ", schema.FieldNames)}] {files.Count} file(s), {splits.Count} split(s)");
        return new DataFrame(session, plan, metrics);
    }

    /// <summary>
    /// The records of a split, each with the byte offset and the index among the split's lines of the line it starts
    /// on; the field list is reused, so each record must be consumed before the next is read.
    /// </summary>
    private static IEnumerable<(long Offset, long Line, List<CsvTokenizer.Field> Fields)> Records(FileSplit split, CsvOptions o)
    {
        using var reader = new LineReader(split.Path, split.Start, split.End);
        bool skipHeader = o.Header && split.IsFileStart;
        var fields = new List<CsvTokenizer.Field>();
        long lines = 0;
        while (reader.ReadLine(out long offset) is { } line)
        {
            long start = lines++;
            var record = line;
            while (!CsvTokenizer.TrySplit(record, o, fields))
            {
                var more = o.MultiLine ? reader.ReadLine(out _, ignoreEnd: true) : null;
                if (more is null) break;
                lines++;
                record += "\n" + more;
            }
            if (skipHeader) { skipHeader = false; continue; }
            if (line.Length == 0 || (o.Comment is { } c && line.Length > 0 && line[0] == c)) continue;
            yield return (offset, start, fields);
        }
    }

    private static StructType InferSchema(List<string> files, List<FileSplit> splits, CsvOptions o)
    {
        var firstFields = FirstRecord(files[0], o) ?? throw new DataFormatException($"CSV file {files[0]} is empty; cannot infer a schema. Give a schema with .Schema(...).");
        var names = o.Header ? firstFields.Select((f, i) => f.Text.Length == 0 ? $"_c{i}" : f.Text).ToArray() : firstFields.Select((_, i) => $"_c{i}").ToArray();
        names = Deduplicate(names);
        var types = new DataType?[names.Length];
        if (!o.InferSchema) return new StructType(names.Select(n => new StructField(n, DataTypes.String)));
        var partial = new DataType?[splits.Count][];
        var records = new long[splits.Count];
        ParallelLoops.For(splits.Count, s =>
        {
            var t = new DataType?[names.Length];
            foreach (var (_, _, fields) in Records(splits[s], o))
            {
                records[s]++;
                for (int i = 0; i < Math.Min(fields.Count, t.Length); i++)
                    t[i] = CsvSchemaInference.Merge(t[i], CsvSchemaInference.TypeOf(fields[i].Text, fields[i].Quoted, o));
            }
            partial[s] = t;
        });
        foreach (var t in partial)
            for (int i = 0; i < types.Length; i++) types[i] = CsvSchemaInference.Merge(types[i], t[i]);
        var note = records.Sum() == 0 ? $"{NoRows(files)}, so inferSchema had no values to type this column from and read it as string" : null;
        return new StructType(names.Select((n, i) => new StructField(n, types[i] ?? DataTypes.String) { Note = note }));
    }

    private static string NoRows(List<string> files) =>
        files.Count == 1 ? $"the CSV file {files[0]} has no data rows" : $"none of the {files.Count} CSV files under {Path.GetDirectoryName(files[0])} has data rows";

    private static string[] Deduplicate(string[] names)
    {
        var counts = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return names.Select((n, i) => counts.Contains(n) ? n + i : n).ToArray();
    }

    private static List<CsvTokenizer.Field>? FirstRecord(string file, CsvOptions o)
    {
        using var reader = new LineReader(file, 0, long.MaxValue);
        while (reader.ReadLine(out _) is { } line)
        {
            if (line.Length == 0 || (o.Comment is { } c && line[0] == c)) continue;
            var fields = new List<CsvTokenizer.Field>();
            CsvTokenizer.TrySplit(line, o, fields);
            return fields;
        }
        return null;
    }

    private static IEnumerable<RowBatch> ReadSplit(FileSplit split, ulong source, int index, StructType schema, CsvOptions o, int batchSize, DataSourceMetrics metrics)
    {
        int corruptIndex = schema.Contains(o.ColumnNameOfCorruptRecord) && schema[o.ColumnNameOfCorruptRecord].DataType == DataTypes.String
            ? schema.FieldIndex(o.ColumnNameOfCorruptRecord) : -1;
        int dataFields = schema.Count - (corruptIndex >= 0 ? 1 : 0);
        var columns = NewColumns(schema, batchSize);
        var lines = new List<long>(batchSize);
        long malformed = 0, dropped = 0, firstLine = -1;
        string? firstMessage = null;
        foreach (var (offset, lineInSplit, fields) in Records(split, o))
        {
            if (firstLine < 0) firstLine = LineReader.LineNumberAt(split.Path, offset) - lineInSplit;
            long lineNumber = firstLine + lineInSplit;
            string? problem = null;
            int target = 0;
            for (int c = 0; c < schema.Count; c++)
            {
                columns[c].StageNull();
                if (c == corruptIndex) continue;
                if (target >= fields.Count) { problem ??= $"expected {dataFields} fields but found {fields.Count}"; target++; continue; }
                var f = fields[target++];
                if (!f.Quoted && f.Text == o.NullValue) continue;
                if (!columns[c].TryStage(f.Text))
                {
                    columns[c].StageNull();
                    problem ??= $"column '{schema[c].Name}' (field {target}): cannot parse '{Shorten(f.Text)}' as {schema[c].DataType.SimpleString}";
                }
            }
            if (fields.Count > dataFields) problem ??= $"expected {dataFields} fields but found {fields.Count}";
            if (problem is not null)
            {
                malformed++;
                string Message() => $"Malformed CSV record in {split.Path}, line {lineNumber}: {problem}.";
                switch (o.Mode)
                {
                    case ReadMode.FailFast:
                        throw new DataFormatException(Message() + " (mode FAILFAST; use mode PERMISSIVE or DROPMALFORMED to continue past bad records)");
                    case ReadMode.DropMalformed:
                        firstMessage ??= Message();
                        dropped++;
                        continue;
                    default:
                        firstMessage ??= Message();
                        if (corruptIndex >= 0) columns[corruptIndex].TryStage(string.Join(o.Separator, fields.Select(f => f.Text)));
                        break;
                }
            }
            foreach (var column in columns) column.Commit();
            lines.Add(lineNumber);
            if (lines.Count == batchSize)
            {
                yield return Batch(schema, columns, split.Path, source, lines);
                columns = NewColumns(schema, batchSize);
                lines.Clear();
            }
        }
        if (lines.Count > 0) yield return Batch(schema, columns, split.Path, source, lines);
        metrics.Record(index, malformed, dropped, firstMessage);
    }

    private static CsvColumn[] NewColumns(StructType schema, int batchSize) =>
        schema.Fields.Select(f => CsvColumn.For(f.DataType, batchSize)).ToArray();

    private static RowBatch Batch(StructType schema, CsvColumn[] columns, string path, ulong source, List<long> lines) =>
        new RowBatch(schema, columns.Select(c => c.Build()).ToArray(), lines.Count).WithOrigins(RowOrigins.OfLines(path, source, lines.ToArray()));

    private static string Shorten(string s) => MessageText.Escape(s, 40);
}
