using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Sql;

/// <summary>Where a piece of syntax starts in the query text (1-based).</summary>
internal readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A parsed SQL expression, before names are resolved.</summary>
internal abstract record SqlExpr(Position At);

/// <summary>A constant of a known type.</summary>
internal sealed record LiteralSyntax(Position At, object? Value, DataType Type) : SqlExpr(At);

/// <summary>A dotted name: a column, <c>alias.column</c>, or fields of a struct (<c>image.origin</c>).</summary>
internal sealed record NameSyntax(Position At, IReadOnlyList<string> Parts) : SqlExpr(At);

/// <summary><c>*</c> or <c>qualifier.*</c>.</summary>
internal sealed record StarSyntax(Position At, IReadOnlyList<string> Qualifier) : SqlExpr(At);

/// <summary><c>-x</c>, <c>+x</c>, <c>NOT x</c>.</summary>
internal sealed record UnarySyntax(Position At, string Op, SqlExpr Operand) : SqlExpr(At);

/// <summary>A binary operator; <see cref="Op"/> is upper case for words (<c>AND</c>, <c>OR</c>, <c>DIV</c>).</summary>
internal sealed record BinarySyntax(Position At, string Op, SqlExpr Left, SqlExpr Right) : SqlExpr(At);

/// <summary>A function call; <c>count(*)</c> has <see cref="Star"/> set and no arguments.</summary>
internal sealed record CallSyntax(Position At, string Name, IReadOnlyList<SqlExpr> Args, bool Distinct, bool Star) : SqlExpr(At);

/// <summary><c>CASE [operand] WHEN … THEN … [ELSE …] END</c>.</summary>
internal sealed record CaseSyntax(Position At, SqlExpr? Operand, IReadOnlyList<(SqlExpr When, SqlExpr Then)> Branches, SqlExpr? Else) : SqlExpr(At);

/// <summary><c>CAST(x AS type)</c>.</summary>
internal sealed record CastSyntax(Position At, SqlExpr Operand, DataType Type, string TypeText) : SqlExpr(At);

/// <summary><c>x [NOT] IN (a, b, …)</c>.</summary>
internal sealed record InListSyntax(Position At, SqlExpr Operand, IReadOnlyList<SqlExpr> Values, bool Not) : SqlExpr(At);

/// <summary><c>x [NOT] IN (SELECT …)</c>.</summary>
internal sealed record InQuerySyntax(Position At, SqlExpr Operand, QuerySyntax Query, bool Not) : SqlExpr(At);

/// <summary><c>x [NOT] BETWEEN lo AND hi</c>.</summary>
internal sealed record BetweenSyntax(Position At, SqlExpr Operand, SqlExpr Low, SqlExpr High, bool Not) : SqlExpr(At);

/// <summary><c>x [NOT] LIKE 'pattern'</c> or <c>x [NOT] RLIKE 'regex'</c>.</summary>
internal sealed record LikeSyntax(Position At, SqlExpr Operand, SqlExpr Pattern, bool Not, bool Regex) : SqlExpr(At);

/// <summary><c>x IS [NOT] NULL</c>.</summary>
internal sealed record IsNullSyntax(Position At, SqlExpr Operand, bool Not) : SqlExpr(At);

/// <summary><c>x[i]</c> (array element, 0-based) or <c>x.field</c> after a non-name expression.</summary>
internal sealed record SubscriptSyntax(Position At, SqlExpr Operand, SqlExpr? Index, string? Field) : SqlExpr(At);
