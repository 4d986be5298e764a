using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>Spark's datetime patterns (<c>yyyy-MM-dd HH:mm:ss.SSS</c>, <c>EEE</c>, <c>a</c>, <c>'text'</c>) as .NET custom formats.</summary>
internal static class DatetimePattern
{
    /// <summary>The .NET format of a Spark pattern; letters Spark gives no meaning here fail naming the pattern.</summary>
    public static string ToDotNet(string pattern)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < pattern.Length;)
        {
            char c = pattern[i];
            int run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c) run++;
            if (c == '\'')
            {
                int close = pattern.IndexOf('\'', i + 1);
                if (close < 0) throw Invalid(pattern, "a quote is not closed");
                if (close == i + 1) sb.Append("\\'");
                else foreach (char q in pattern[(i + 1)..close]) sb.Append('\\').Append(q);
                i = close + 1;
                continue;
            }
            if (char.IsAsciiLetter(c))
            {
                sb.Append(c switch
                {
                    'y' or 'u' => run == 2 ? "yy" : "yyyy",
                    'M' or 'L' => run == 1 ? "%M" : new string('M', Math.Min(run, 4)),
                    'd' => run == 1 ? "%d" : "dd",
                    'H' or 'h' or 'm' or 's' => run == 1 ? "%" + c : new string(c, 2),
                    'S' => run == 1 ? "%f" : new string('f', Math.Min(run, 7)),
                    'a' => "tt",
                    'E' => run >= 4 ? "dddd" : "ddd",
                    _ => throw Invalid(pattern, $"the letter '{c}' is not supported (use y, M, d, H, h, m, s, S, a, E)"),
                });
            }
            else for (int k = 0; k < run; k++) sb.Append('\\').Append(c);
            i += run;
        }
        return sb.ToString();
    }

    private static ParamException Invalid(string pattern, string why) => new($"Invalid datetime pattern '{MessageText.Escape(pattern)}': {why}.");
}
