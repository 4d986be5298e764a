using System.Text;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>String positions counted in Unicode characters (code points), as Spark counts them, not UTF-16 units.</summary>
internal static class CodePoints
{
    /// <summary>The number of characters.</summary>
    public static int Count(string s) => HasSurrogates(s) ? s.EnumerateRunes().Count() : s.Length;

    /// <summary>Characters <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive), clamped to the string.</summary>
    public static string Slice(string s, int start, int end)
    {
        int n = Count(s);
        start = Math.Clamp(start, 0, n);
        end = Math.Clamp(end, start, n);
        if (!HasSurrogates(s)) return s[start..end];
        return string.Concat(s.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));
    }

    /// <summary>The character position of the first occurrence of <paramref name="sub"/>, or -1.</summary>
    public static int IndexOf(string s, string sub)
    {
        int i = s.IndexOf(sub, StringComparison.Ordinal);
        return i <= 0 || !HasSurrogates(s) ? i : Count(s[..i]);
    }

    /// <summary><paramref name="pad"/> repeated and cut to <paramref name="length"/> characters.</summary>
    public static string Repeat(string pad, int length)
    {
        var sb = new StringBuilder();
        int padLength = Count(pad);
        for (int n = 0; n < length; n += padLength) sb.Append(pad);
        return Slice(sb.ToString(), 0, length);
    }

    private static bool HasSurrogates(string s) => s.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
}
