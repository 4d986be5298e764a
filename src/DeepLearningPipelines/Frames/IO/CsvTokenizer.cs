using System.Text;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>Splits one CSV record into fields: quoted fields, doubled or escaped quotes, configurable separator.</summary>
internal static class CsvTokenizer
{
    /// <summary>A field and whether it was quoted (a quoted empty field is an empty string, never null).</summary>
    public readonly record struct Field(string Text, bool Quoted);

    [ThreadStatic]
    private static StringBuilder? Builder;

    /// <summary>Tokenizes <paramref name="record"/>; returns false when a quoted field is still open at the end.</summary>
    public static bool TrySplit(string record, CsvOptions o, List<Field> fields)
    {
        fields.Clear();
        var sb = Builder ??= new StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            bool quoted = false;
            int fieldStart = i;
            if (o.IgnoreLeadingWhiteSpace) while (i < record.Length && record[i] == ' ') i++;
            if (i < record.Length && record[i] == o.Quote)
            {
                quoted = true;
                i++;
                bool closed = false;
                while (i < record.Length)
                {
                    char c = record[i];
                    if (c == o.Escape && o.Escape != o.Quote && i + 1 < record.Length && (record[i + 1] == o.Quote || record[i + 1] == o.Escape))
                    {
                        sb.Append(record[i + 1]);
                        i += 2;
                    }
                    else if (c == o.Quote)
                    {
                        if (i + 1 < record.Length && record[i + 1] == o.Quote) { sb.Append(o.Quote); i += 2; }
                        else { i++; closed = true; break; }
                    }
                    else { sb.Append(c); i++; }
                }
                if (!closed) return false;
                // Text after the closing quote up to the separator is kept, as lenient parsers do.
                while (i < record.Length && record[i] != o.Separator) sb.Append(record[i++]);
            }
            string text;
            if (quoted) text = sb.ToString();
            else
            {
                int end = record.IndexOf(o.Separator, fieldStart);
                if (end < 0) end = record.Length;
                text = record[fieldStart..end];
                i = end;
            }
            if (o.IgnoreTrailingWhiteSpace && !quoted) text = text.TrimEnd(' ');
            if (o.IgnoreLeadingWhiteSpace && !quoted) text = text.TrimStart(' ');
            fields.Add(new Field(text, quoted));
            if (i >= record.Length) return true;
            i++; // separator
        }
    }
}
