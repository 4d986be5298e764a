using System.Globalization;

namespace DeepLearningPipelines.Sql;

/// <summary>The name Spark gives a SELECT item without an alias: a column's own name, else the expression's SQL text.</summary>
internal static class OutputNames
{
    public static string Of(SqlExpr e) => e switch
    {
        NameSyntax n => n.Parts[^1],
        SubscriptSyntax { Field: { } f } => f,
        _ => Text(e),
    };

    private static string Text(SqlExpr e) => e switch
    {
        LiteralSyntax l => Literal(l),
        NameSyntax n => string.Join(".", n.Parts),
        StarSyntax s => s.Qualifier.Count == 0 ? "*" : string.Join(".", s.Qualifier) + ".*",
        UnarySyntax { Op: "NOT" } u => $"(NOT {Text(u.Operand)})",
        UnarySyntax u => $"(- {Text(u.Operand)})",
        BinarySyntax { Op: "||" } b => $"concat({Text(b.Left)}, {Text(b.Right)})",
        BinarySyntax b => $"({Text(b.Left)} {(b.Op == "DIV" ? "div" : b.Op)} {Text(b.Right)})",
        CallSyntax { Star: true } c => $"{c.Name.ToLowerInvariant()}(1)",
        CallSyntax c => $"{c.Name.ToLowerInvariant()}({(c.Distinct ? "DISTINCT " : "")}{string.Join(", ", c.Args.Select(Text))})",
        CaseSyntax c => "CASE" + (c.Operand is null ? "" : " " + Text(c.Operand))
            + string.Concat(c.Branches.Select(b => $" WHEN {Text(b.When)} THEN {Text(b.Then)}"))
            + (c.Else is null ? "" : $" ELSE {Text(c.Else)}") + " END",
        CastSyntax c => $"CAST({Text(c.Operand)} AS {c.Type.SimpleString.ToUpperInvariant()})",
        InListSyntax i => $"({(i.Not ? "NOT " : "")}{Text(i.Operand)} IN ({string.Join(", ", i.Values.Select(Text))}))",
        InQuerySyntax i => $"({(i.Not ? "NOT " : "")}{Text(i.Operand)} IN (listquery()))",
        BetweenSyntax b => $"({(b.Not ? "NOT " : "")}(({Text(b.Operand)} >= {Text(b.Low)}) AND ({Text(b.Operand)} <= {Text(b.High)})))",
        LikeSyntax l => $"{(l.Not ? "NOT " : "")}{Text(l.Operand)} {(l.Regex ? "RLIKE" : "LIKE")} {Text(l.Pattern)}",
        IsNullSyntax n => $"({Text(n.Operand)} IS {(n.Not ? "NOT " : "")}NULL)",
        SubscriptSyntax { Index: { } i } s => $"{Text(s.Operand)}[{Text(i)}]",
        SubscriptSyntax s => $"{Text(s.Operand)}.{s.Field}",
        _ => e.GetType().Name,
    };

    private static string Literal(LiteralSyntax l) => l.Value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long v => v.ToString(CultureInfo.InvariantCulture) + "L",
        DateOnly d => $"DATE '{d:yyyy-MM-dd}'",
        DateTime t => $"TIMESTAMP '{t:yyyy-MM-dd HH:mm:ss}'",
        _ => Convert.ToString(l.Value, CultureInfo.InvariantCulture) ?? "",
    };

}
