using System.Globalization;

namespace DeepLearningPipelines.Core;

/// <summary>Renders column values as Spark prints them in <c>show()</c> and row strings.</summary>
public static class ValueFormat
{
    /// <summary>The text of one value: <c>null</c>, <c>1.0</c>, <c>[1.0,2.0]</c>, <c>[0A FF]</c> for binary, …</summary>
    public static string Plain(object? value) => value switch
    {
        null => "null",
        string s => s,
        double d => JavaFormat.Double(d),
        float f => JavaFormat.Float(f),
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => "[" + string.Join(" ", bytes.Take(20).Select(x => x.ToString("X2", CultureInfo.InvariantCulture))) + (bytes.Length > 20 ? " ..." : "") + "]",
        Row r => "{" + string.Join(", ", Enumerable.Range(0, r.Length).Select(i => Plain(r[i]))) + "}",
        Vector v => v.ToString()!,
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Plain)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
