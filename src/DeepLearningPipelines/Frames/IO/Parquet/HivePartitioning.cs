using System.Buffers;
using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>
/// Hive-style partition folders (<c>col=value/</c>) as Spark writes and discovers them: values are escaped as
/// Spark's <c>ExternalCatalogUtils.escapePathName</c>, null is <c>__HIVE_DEFAULT_PARTITION__</c>, and on read the
/// column type is inferred as Spark does (int, then long, then double, then date, else string).
/// </summary>
public static class HivePartitioning
{
    /// <summary>The folder-name value Spark and Hive use for a null partition value.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\"#%'*/:=?\\\u007F{[]^");

    /// <summary>Escapes a column name or value for a path segment: each special character becomes <c>%XX</c>.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Escaped) < 0) return text;
        var builder = new StringBuilder(text.Length + 8);
        foreach (char c in text)
            if (Escaped.Contains(c)) builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else builder.Append(c);
        return builder.ToString();
    }

    /// <summary>Undoes <see cref="Escape"/>; a <c>%</c> not followed by two hex digits is kept as is.</summary>
    public static string Unescape(string text)
    {
        if (!text.Contains('%')) return text;
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length
                && int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else builder.Append(text[i]);
        }
        return builder.ToString();
    }

    /// <summary>The folder segment <c>col=value</c> for row <paramref name="row"/> of a partition column.</summary>
    public static string Segment(string column, IArrowArray array, int row) =>
        Escape(column) + "=" + (ValueText(array, row) is { } text && text.Length > 0 ? Escape(text) : DefaultPartitionName);

    /// <summary>A partition value as Spark prints it into a folder name; null for null.</summary>
    internal static string? ValueText(IArrowArray array, int row)
    {
        if (array.IsNull(row)) return null;
        return array switch
        {
            StringArray a => a.GetString(row),
            BooleanArray a => a.GetValue(row)!.Value ? "true" : "false",
            Int8Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            Int16Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            Int32Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            Int64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
            FloatArray a => JavaFormat.Float(a.GetValue(row)!.Value),
            DoubleArray a => JavaFormat.Double(a.GetValue(row)!.Value),
            Date32Array a => a.GetDateOnly(row)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new SchemaException($"Cannot partition by a column of Arrow type {ArrowTypeText.Describe(array.Data.DataType)}; partition columns must be strings, booleans, integers, floating-point numbers or dates."),
        };
    }

    /// <summary>
    /// Parses <c>a=1/b=x</c> folders between <paramref name="root"/> and a file into (column, raw value) pairs;
    /// raw value null for <see cref="DefaultPartitionName"/>. Folders without <c>=</c> are refused.
    /// </summary>
    internal static List<(string Column, string? Value)> Parse(string root, string file)
    {
        var relative = Path.GetRelativePath(root, Path.GetDirectoryName(file)!);
        var pairs = new List<(string, string?)>();
        if (relative == ".") return pairs;
        foreach (var segment in relative.Split(Path.DirectorySeparatorChar))
        {
            int eq = segment.IndexOf('=');
            if (eq <= 0)
                throw new DataFormatException($"Folder '{segment}' under {root} is not a partition folder (column=value); cannot read {file}.");
            var value = segment[(eq + 1)..];
            pairs.Add((Unescape(segment[..eq]), value == DefaultPartitionName ? null : Unescape(value)));
        }
        return pairs;
    }

    /// <summary>Spark's partition type inference over all values of one column: int, long, double, date, else string.</summary>
    internal static IArrowType InferType(IEnumerable<string?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        if (present.Count == 0) return StringType.Default;
        if (present.All(v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))) return Int32Type.Default;
        if (present.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))) return Int64Type.Default;
        if (present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))) return DoubleType.Default;
        if (present.All(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))) return Date32Type.Default;
        return StringType.Default;
    }

    /// <summary>An array of <paramref name="length"/> copies of one partition value, parsed as <paramref name="type"/>.</summary>
    internal static IArrowArray Constant(IArrowType type, string? value, int length)
    {
        switch (type)
        {
            case Int32Type:
                var ints = new Int32Array.Builder().Reserve(length);
                for (int i = 0; i < length; i++) if (value is null) ints.AppendNull(); else ints.Append(int.Parse(value, CultureInfo.InvariantCulture));
                return ints.Build();
            case Int64Type:
                var longs = new Int64Array.Builder().Reserve(length);
                for (int i = 0; i < length; i++) if (value is null) longs.AppendNull(); else longs.Append(long.Parse(value, CultureInfo.InvariantCulture));
                return longs.Build();
            case DoubleType:
                var doubles = new DoubleArray.Builder().Reserve(length);
                for (int i = 0; i < length; i++) if (value is null) doubles.AppendNull(); else doubles.Append(double.Parse(value, CultureInfo.InvariantCulture));
                return doubles.Build();
            case Date32Type:
                var dates = new Date32Array.Builder().Reserve(length);
                for (int i = 0; i < length; i++) if (value is null) dates.AppendNull(); else dates.Append(DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                return dates.Build();
            default:
                var strings = new StringArray.Builder().Reserve(length);
                for (int i = 0; i < length; i++) if (value is null) strings.AppendNull(); else strings.Append(value);
                return strings.Build();
        }
    }
}
