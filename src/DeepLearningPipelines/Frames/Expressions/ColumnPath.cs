using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// Spark's column-name syntax: <c>a.b.c</c> names field <c>c</c> of struct field <c>b</c> of column <c>a</c>;
/// backquotes make a part literal (<c>`a.b`</c> is the column named <c>a.b</c>, <c>``</c> is a backquote);
/// a last part <c>*</c> expands every column, or every field of a struct.
/// </summary>
internal static class ColumnPath
{
    /// <summary>The expression a column name stands for.</summary>
    public static Expr Parse(string name)
    {
        var (parts, starAtEnd) = Split(name);
        if (starAtEnd) return new StarExpr(parts.Length == 0 ? null : Build(parts, name));
        return Build(parts, name);
    }

    private static Expr Build(string[] parts, string original)
    {
        Expr expr = new ColumnRef(parts[0], parts.Length > 1 ? original : null);
        for (int i = 1; i < parts.Length; i++) expr = new FieldExpr(expr, parts[i], string.Join(".", parts.Take(i + 1).Select(Quote)), fromDottedName: true);
        return expr;
    }

    /// <summary>A name part as it is written in a path: backquoted when it holds a dot or a backquote.</summary>
    private static string Quote(string part) => part.Contains('.') || part.Contains('`') ? $"`{part.Replace("`", "``")}`" : part;

    private static (string[] Parts, bool StarAtEnd) Split(string name)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false, partQuoted = false;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (quoted)
            {
                if (c != '`') current.Append(c);
                else if (i + 1 < name.Length && name[i + 1] == '`') { current.Append('`'); i++; }
                else quoted = false;
            }
            else if (c == '`')
            {
                if (current.Length > 0) throw Syntax(name, "a backquote may only start a name part");
                quoted = partQuoted = true;
            }
            else if (c == '.')
            {
                End();
            }
            else
            {
                if (partQuoted) throw Syntax(name, "a quoted name part must be followed by '.' or the end");
                current.Append(c);
            }
        }
        if (quoted) throw Syntax(name, "a backquote is not closed");
        bool star = !partQuoted && current.ToString() == "*";
        if (star) return (parts.ToArray(), true);
        End();
        return (parts.ToArray(), false);

        void End()
        {
            if (current.Length == 0 && !partQuoted) throw Syntax(name, "a name part is empty");
            parts.Add(current.ToString());
            current.Clear();
            partQuoted = false;
        }
    }

    private static SchemaException Syntax(string name, string why) =>
        new($"Invalid column name '{MessageText.Escape(name)}': {why}. Use backquotes for names with dots or backquotes, e.g. `a.b`.");
}
