using System.Globalization;
using System.Text;

namespace DeepLearningPipelines.Core;

/// <summary>Makes untrusted text (file content, column names, values) safe to put in an error message.</summary>
public static class MessageText
{
    /// <summary>
    /// <paramref name="text"/> with control characters, the byte-order mark and U+FFFD (an undecodable byte) escaped as
    /// <c>\n</c>, <c>\t</c>, <c>\r</c> or <c>\uXXXX</c>, and cut to <paramref name="maxLength"/> characters with "...".
    /// </summary>
    public static string Escape(string text, int maxLength = int.MaxValue)
    {
        var cut = text.Length > maxLength ? text[..Math.Max(0, maxLength - 3)] : text;
        int i = 0;
        while (i < cut.Length && !NeedsEscape(cut[i])) i++;
        if (i == cut.Length) return cut.Length == text.Length ? text : cut + "...";
        var sb = new StringBuilder(cut.Length + 16).Append(cut, 0, i);
        for (; i < cut.Length; i++)
        {
            char c = cut[i];
            if (!NeedsEscape(c)) sb.Append(c);
            else sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }
        return cut.Length == text.Length ? sb.ToString() : sb.Append("...").ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c == '\uFEFF' || c == '\uFFFD';
}
