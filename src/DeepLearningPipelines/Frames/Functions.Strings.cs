using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

public static partial class Functions
{
    /// <summary>The value in upper case.</summary>
    public static Column Upper(Column column) => Text("upper", column, s => s.ToUpperInvariant());

    /// <summary>The value in lower case.</summary>
    public static Column Lower(Column column) => Text("lower", column, s => s.ToLowerInvariant());

    /// <summary>The value without leading and trailing spaces (only U+0020, as Spark).</summary>
    public static Column Trim(Column column) => Text("trim", column, s => s.Trim(' '));

    /// <summary>The value without leading spaces.</summary>
    public static Column LTrim(Column column) => Text("ltrim", column, s => s.TrimStart(' '));

    /// <summary>The value without trailing spaces.</summary>
    public static Column RTrim(Column column) => Text("rtrim", column, s => s.TrimEnd(' '));

    /// <summary>The number of characters of a string, or of bytes of a binary value.</summary>
    public static Column Length(Column column) =>
        new(new ScalarFunctionExpr("length", [column.Expr], types =>
        {
            TypeRules.Require("length", [column.Expr], types, 0, t => IsText(t) || t == DataTypes.Binary, "a string or binary");
            return DataTypes.Integer;
        }, v => v[0] is byte[] bytes ? bytes.Length : CodePoints.Count(AsText(v[0]!))));

    /// <summary>
    /// <paramref name="length"/> characters from 1-based position <paramref name="pos"/> (0 counts as 1; a negative
    /// position counts from the end), as Spark's <c>substring</c>.
    /// </summary>
    public static Column Substring(Column column, int pos, int length) =>
        Text("substring", [column.Expr, Literal.Of(pos), Literal.Of(length)], s =>
        {
            int n = CodePoints.Count(s);
            long start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
            long end = length <= 0 ? start : start + length;
            return end <= Math.Max(start, 0) ? "" : CodePoints.Slice(s, (int)Math.Max(start, 0), (int)Math.Min(end, int.MaxValue));
        });

    /// <summary>The values joined; null when any is null.</summary>
    public static Column Concat(params Column[] columns) =>
        Text("concat", Exprs(columns), v => string.Concat(v.Select(x => AsText(x!))), nullIntolerant: true);

    /// <summary>The non-null values (and elements of string arrays) joined with <paramref name="separator"/>; nulls are skipped.</summary>
    public static Column ConcatWs(string separator, params Column[] columns)
    {
        var args = new[] { (Expr)Literal.Of(separator) }.Concat(Exprs(columns)).ToArray();
        return new(new ScalarFunctionExpr("concat_ws", args, types =>
        {
            for (int i = 1; i < types.Length; i++)
                TypeRules.Require("concat_ws", args, types, i, t => IsText(t) || t is ArrayType { ElementType: var e } && e == DataTypes.String, "a string or array<string>");
            return DataTypes.String;
        }, v => string.Join(separator, v.Skip(1).SelectMany(x => x switch
        {
            null => [],
            string s => [s],
            System.Collections.IEnumerable items and not byte[] => items.Cast<object?>().Where(e => e is not null).Select(e => AsText(e!)),
            _ => [AsText(x)],
        })), nullIntolerant: false));
    }

    /// <summary>The parts of the value around matches of a regular expression, as Spark's <c>split</c> (Java semantics; <paramref name="limit"/> &gt; 0 caps the parts).</summary>
    public static Column Split(Column column, string pattern, int limit = -1)
    {
        var regex = SqlPatterns.Regex(pattern);
        return new(new ScalarFunctionExpr("split", [column.Expr, Literal.Of(pattern), Literal.Of(limit)], types =>
        {
            TypeRules.Require("split", [column.Expr], types, 0, IsText, "a string");
            return DataTypes.ArrayOf(DataTypes.String);
        }, v =>
        {
            var s = AsText(v[0]!);
            if (pattern.Length == 0 && s.Length > 0)
                return s.EnumerateRunes().Select(r => (object?)r.ToString()).ToArray();
            return SqlPatterns.Split(regex, s, limit);
        }));
    }

    /// <summary>Every match of a regular expression replaced (Java replacement syntax: <c>$1</c> is group 1).</summary>
    public static Column RegexpReplace(Column column, string pattern, string replacement)
    {
        var regex = SqlPatterns.Regex(pattern);
        var dotnet = SqlPatterns.Replacement(replacement);
        return Text("regexp_replace", [column.Expr, Literal.Of(pattern), Literal.Of(replacement)], s => regex.Replace(s, dotnet));
    }

    /// <summary>Group <paramref name="group"/> of the first match (0 = the whole match); empty when nothing matches.</summary>
    public static Column RegexpExtract(Column column, string pattern, int group)
    {
        var regex = SqlPatterns.Regex(pattern);
        int groups = regex.GetGroupNumbers().Length - 1;
        if (group < 0 || group > groups)
            throw new ParamException($"RegexpExtract group {group} does not exist: '{MessageText.Escape(pattern)}' has {groups} group(s).");
        return Text("regexp_extract", [column.Expr, Literal.Of(pattern), Literal.Of(group)], s =>
        {
            var m = regex.Match(s);
            return m.Success ? m.Groups[group].Value : "";
        });
    }

    /// <summary>The value left-padded with <paramref name="pad"/> to <paramref name="length"/> characters, or cut to that length.</summary>
    public static Column Lpad(Column column, int length, string pad) =>
        Text("lpad", [column.Expr, Literal.Of(length), Literal.Of(pad)], s => Pad(s, length, pad, left: true));

    /// <summary>The value right-padded with <paramref name="pad"/> to <paramref name="length"/> characters, or cut to that length.</summary>
    public static Column Rpad(Column column, int length, string pad) =>
        Text("rpad", [column.Expr, Literal.Of(length), Literal.Of(pad)], s => Pad(s, length, pad, left: false));

    /// <summary>The 1-based position of the first occurrence of <paramref name="substring"/>, 0 when absent.</summary>
    public static Column Instr(Column column, string substring) =>
        new(new ScalarFunctionExpr("instr", [column.Expr, Literal.Of(substring)], types =>
        {
            TypeRules.Require("instr", [column.Expr], types, 0, IsText, "a string");
            return DataTypes.Integer;
        }, v => CodePoints.IndexOf(AsText(v[0]!), substring) + 1));

    /// <summary>Every occurrence of <paramref name="search"/> replaced by <paramref name="replacement"/> (an empty search changes nothing).</summary>
    public static Column Replace(Column column, string search, string replacement = "") =>
        Text("replace", [column.Expr, Literal.Of(search), Literal.Of(replacement)], s => search.Length == 0 ? s : s.Replace(search, replacement, StringComparison.Ordinal));

    private static string Pad(string s, int length, string pad, bool left)
    {
        int spaces = length - CodePoints.Count(s);
        if (spaces <= 0 || pad.Length == 0) return CodePoints.Slice(s, 0, Math.Max(0, length));
        var fill = CodePoints.Repeat(pad, spaces);
        return left ? fill + s : s + fill;
    }

    /// <summary>Strings, numbers, booleans and dates (turned into text as Spark casts them).</summary>
    private static bool IsText(DataType t) => t is AtomicType && t != DataTypes.Binary;

    private static string AsText(object value) => value as string ?? ValueFormat.Plain(value);

    private static Column Text(string name, Column column, Func<string, string> f) => Text(name, [column.Expr], f);

    /// <summary>A string function of the first argument; the other arguments are constants shown in the name.</summary>
    private static Column Text(string name, Expr[] args, Func<string, string> f) =>
        Text(name, args, v => f(AsText(v[0]!)), nullIntolerant: true, checkedArgs: 1);

    private static Column Text(string name, Expr[] args, Func<object?[], object?> f, bool nullIntolerant, int? checkedArgs = null) =>
        new(new ScalarFunctionExpr(name, args, types =>
        {
            for (int i = 0; i < (checkedArgs ?? types.Length); i++) TypeRules.Require(name, args, types, i, IsText, "a string");
            return DataTypes.String;
        }, f, nullIntolerant));
}
