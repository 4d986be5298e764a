using System.Text;
using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>Serialises one row as a JSON object the way Spark's JSON writer does.</summary>
internal static class JsonRow
{
    public static string Serialize(StructType schema, RowBatch batch, int row)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            for (int c = 0; c < schema.Count; c++)
            {
                var v = batch.GetValue(c, row);
                if (v is null) continue;
                w.WritePropertyName(schema[c].Name);
                WriteValue(w, v);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one value: numbers, strings, booleans, base64 binary, arrays, rows as objects, vectors as Spark's UDT JSON.</summary>
    public static void WriteValue(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case double or float: w.WriteStringValue(ValueFormat.Plain(v)); break;
            case string s: w.WriteStringValue(s); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case DenseVector dv:
                w.WriteStartObject();
                w.WriteNumber("type", 1);
                WriteArray(w, "values", dv.Values);
                w.WriteEndObject();
                break;
            case SparseVector sv:
                w.WriteStartObject();
                w.WriteNumber("type", 0);
                w.WriteNumber("size", sv.Size);
                w.WriteStartArray("indices");
                foreach (var i in sv.Indices) w.WriteNumberValue(i);
                w.WriteEndArray();
                WriteArray(w, "values", sv.Values);
                w.WriteEndObject();
                break;
            case Row r:
                w.WriteStartObject();
                for (int c = 0; c < r.Length; c++)
                {
                    if (r[c] is null) continue;
                    w.WritePropertyName(r.Schema[c].Name);
                    WriteValue(w, r[c]);
                }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable e:
                w.WriteStartArray();
                foreach (var x in e) WriteValue(w, x);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(ValueFormat.Plain(v)); break;
        }
    }

    private static void WriteArray(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var x in values) WriteValue(w, x);
        w.WriteEndArray();
    }
}
