using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// JSON-lines files (one object per line, blank lines skipped) read with the given schema: fields are matched by
/// name, missing and null fields are null, other fields are ignored. A line that is not a JSON object, or a value
/// that does not fit its column's type, fails the micro-batch with a message naming the file, line and field.
/// One partition per file.
/// </summary>
internal sealed class JsonStreamFormat : StreamFormat
{
    private static readonly DataType[] Supported =
        [DataTypes.String, DataTypes.Integer, DataTypes.Long, DataTypes.Float, DataTypes.Double, DataTypes.Boolean];

    private readonly StructType _schema;

    public JsonStreamFormat(StructType schema)
    {
        foreach (var f in schema.Fields)
            if (!Supported.Contains(f.DataType))
                throw new SchemaException($"The JSON stream source reads string, int, bigint, float, double and boolean columns; column '{f.Name}' is {f.DataType.SimpleString}.");
        _schema = schema;
    }

    public override string Name => "json";
    public override StructType Schema => _schema;

    public override (DataFrame Frame, Func<long> Dropped) Read(DlpSession session, IReadOnlyList<string> files)
    {
        var plan = new SourcePlan(_schema, files.Count, (p, ctx) => ReadFile(files[p], ctx.BatchSize),
            $"FileScan json [{string.Join(", ", _schema.FieldNames)}] {files.Count} file(s)");
        return (new DataFrame(session, plan), () => 0);
    }

    private IEnumerable<RowBatch> ReadFile(string file, int batchSize)
    {
        ulong source = RowIdentity.OfName(file);
        var rows = new List<object?[]>(batchSize);
        var keys = new List<ulong>(batchSize);
        long line = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            rows.Add(Parse(text, file, line));
            keys.Add(RowIdentity.OfRecord(source, line));
            if (rows.Count < batchSize) continue;
            yield return RowBatch.FromRows(_schema, rows).WithOrigins(RowOrigins.OfKeys(keys.ToArray()));
            rows = new List<object?[]>(batchSize);
            keys.Clear();
        }
        if (rows.Count > 0) yield return RowBatch.FromRows(_schema, rows).WithOrigins(RowOrigins.OfKeys(keys.ToArray()));
    }

    private object?[] Parse(string text, string file, long line)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e)
        {
            throw new DataFormatException($"JSON file {file}, line {line} is not valid JSON ({e.Message}): {MessageText.Escape(text, 60)}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new DataFormatException($"JSON file {file}, line {line} holds a {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object: {MessageText.Escape(text, 60)}");
            var values = new object?[_schema.Count];
            for (int c = 0; c < values.Length; c++)
            {
                var field = _schema[c];
                if (!doc.RootElement.TryGetProperty(field.Name, out var v) || v.ValueKind == JsonValueKind.Null)
                {
                    if (!field.Nullable) throw new DataFormatException($"JSON file {file}, line {line}: field '{field.Name}' is missing or null but the schema says it is not nullable.");
                    continue;
                }
                values[c] = Convert(v, field.DataType) ?? throw new DataFormatException(
                    $"JSON file {file}, line {line}: field '{field.Name}' is {MessageText.Escape(v.GetRawText(), 40)}, which does not fit the schema's {field.DataType.SimpleString}.");
            }
            return values;
        }
    }

    private static object? Convert(JsonElement v, DataType type)
    {
        if (type == DataTypes.String) return v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (type == DataTypes.Boolean) return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
        if (v.ValueKind != JsonValueKind.Number) return null;
        if (type == DataTypes.Integer) return v.TryGetInt32(out var i) ? i : null;
        if (type == DataTypes.Long) return v.TryGetInt64(out var l) ? l : null;
        if (type == DataTypes.Double) return v.GetDouble();
        return float.Parse(v.GetRawText(), CultureInfo.InvariantCulture);
    }
}
