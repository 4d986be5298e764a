using System.Text;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Cli.Sql;

/// <summary><c>dlp sql --json</c>: <c>{"columns":[…],"rows":[[…],…]}</c>, structs as objects, arrays and vectors as arrays, binary as base64.</summary>
internal static class SqlJson
{
    public static string Format(DataFrame frame)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartArray("columns");
            foreach (var c in frame.Columns) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var row in frame.ToLocalIterator())
            {
                w.WriteStartArray();
                foreach (var v in row.Values()) Write(w, v);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case float or double: w.WriteStringValue(ValueFormat.Plain(v)); break; // NaN and infinities have no JSON number
            case string s: w.WriteStringValue(s); break;
            case byte[] bytes: w.WriteBase64StringValue(bytes); break;
            case Vector vector:
                w.WriteStartArray();
                foreach (var x in vector.ToArray()) Write(w, x);
                w.WriteEndArray();
                break;
            case Row r:
                w.WriteStartObject();
                for (int i = 0; i < r.Schema.Count; i++)
                {
                    w.WritePropertyName(r.Schema[i].Name);
                    Write(w, r[i]);
                }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                w.WriteStartArray();
                foreach (var item in items) Write(w, item);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(ValueFormat.Plain(v)); break;
        }
    }
}
