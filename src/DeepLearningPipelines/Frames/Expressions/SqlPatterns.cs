using System.Text;
using DeepLearningPipelines.Core;
using RegexClass = System.Text.RegularExpressions.Regex;
using RegexOptions = System.Text.RegularExpressions.RegexOptions;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>Turns Spark's patterns (SQL <c>LIKE</c>, Java regular expressions and replacements) into .NET regular expressions.</summary>
internal static class SqlPatterns
{
    /// <summary>A compiled regular expression; an invalid one fails naming the pattern.</summary>
    public static RegexClass Regex(string pattern)
    {
        try { return new RegexClass(pattern, RegexOptions.CultureInvariant); }
        catch (ArgumentException e) { throw new ParamException($"Invalid regular expression '{MessageText.Escape(pattern)}': {e.Message}"); }
    }

    /// <summary>The regular expression of a <c>LIKE</c> pattern, anchored at both ends.</summary>
    public static RegexClass Like(string pattern)
    {
        var sb = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 == pattern.Length) throw new ParamException($"LIKE pattern '{MessageText.Escape(pattern)}' ends with the escape character '\\'.");
                sb.Append(RegexClass.Escape(pattern[++i].ToString()));
            }
            else sb.Append(c switch { '%' => "(?s:.*)", '_' => "(?s:.)", _ => RegexClass.Escape(c.ToString()) });
        }
        return new RegexClass(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>A Java replacement string (<c>$1</c> groups, <c>\$</c> a literal dollar) as a .NET one.</summary>
    public static string Replacement(string replacement)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < replacement.Length; i++)
        {
            char c = replacement[i];
            if (c == '\\' && i + 1 < replacement.Length) c = replacement[++i];
            else if (c == '$') { sb.Append('$'); continue; }
            sb.Append(c == '$' ? "$$" : c.ToString());
        }
        return sb.ToString();
    }

    /// <summary>Java's <c>String.split(regex, limit)</c>: at most <paramref name="limit"/> parts when positive, every part (trailing empties kept) otherwise.</summary>
    public static object?[] Split(RegexClass regex, string input, int limit)
    {
        var parts = new List<object?>();
        int index = 0;
        for (var m = regex.Match(input); m.Success; m = m.NextMatch())
        {
            if (limit > 0 && parts.Count >= limit - 1) break;
            if (m.Length == 0 && m.Index == 0) continue;
            parts.Add(input[index..m.Index]);
            index = m.Index + m.Length;
        }
        if (index == 0 && parts.Count == 0) return [input];
        parts.Add(input[index..]);
        return parts.ToArray();
    }
}
