namespace DeepLearningPipelines.Sql;

/// <summary>A whole query: optional CTEs, a body (a SELECT or set operation), then ORDER BY and LIMIT over the body.</summary>
internal sealed record QuerySyntax(
    IReadOnlyList<(string Name, QuerySyntax Query)> With, QueryBodySyntax Body, IReadOnlyList<OrderItemSyntax> OrderBy, SqlExpr? Limit);

/// <summary>A SELECT, a set operation, or a parenthesised query.</summary>
internal abstract record QueryBodySyntax(Position At);

/// <summary>One SELECT block.</summary>
internal sealed record SelectSyntax(
    Position At, bool Distinct, IReadOnlyList<SelectItemSyntax> Items, RelationSyntax? From, SqlExpr? Where,
    IReadOnlyList<SqlExpr> GroupBy, SqlExpr? Having) : QueryBodySyntax(At);

/// <summary><c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c>.</summary>
internal sealed record SetOperationSyntax(Position At, string Op, bool All, QueryBodySyntax Left, QueryBodySyntax Right) : QueryBodySyntax(At);

/// <summary>A parenthesised query used as a set-operation operand.</summary>
internal sealed record NestedQuerySyntax(Position At, QuerySyntax Query) : QueryBodySyntax(At);

/// <summary>One SELECT item: an expression and its alias, if any.</summary>
internal sealed record SelectItemSyntax(SqlExpr Expr, string? Alias);

/// <summary>One ORDER BY item; <see cref="NullsFirst"/> null means Spark's default (first ascending, last descending).</summary>
internal sealed record OrderItemSyntax(SqlExpr Expr, bool Ascending, bool? NullsFirst);

/// <summary>Something FROM names.</summary>
internal abstract record RelationSyntax(Position At);

/// <summary>A view or CTE by name.</summary>
internal sealed record TableSyntax(Position At, string Name, string? Alias) : RelationSyntax(At);

/// <summary><c>(SELECT …) [AS] alias</c>.</summary>
internal sealed record SubqueryRelationSyntax(Position At, QuerySyntax Query, string? Alias) : RelationSyntax(At);

/// <summary>A file source in Spark's spelling: <c>parquet.`path`</c>, <c>csv.`path`</c>, <c>json.`path`</c>, <c>image.`dir`</c>.</summary>
internal sealed record FileRelationSyntax(Position At, string Format, string Path, string? Alias) : RelationSyntax(At);

/// <summary>A join; <see cref="Using"/> is empty for <c>ON</c> and cross joins.</summary>
internal sealed record JoinSyntax(Position At, RelationSyntax Left, RelationSyntax Right, string How, SqlExpr? On, IReadOnlyList<string> Using) : RelationSyntax(At);

/// <summary>A statement: a query, or a view definition (<c>CREATE [OR REPLACE] TEMP VIEW name AS query</c>).</summary>
internal abstract record StatementSyntax;

internal sealed record QueryStatement(QuerySyntax Query) : StatementSyntax;

internal sealed record CreateViewStatement(string Name, bool Replace, QuerySyntax Query) : StatementSyntax;

/// <summary><c>DROP VIEW [IF EXISTS] name</c>.</summary>
internal sealed record DropViewStatement(string Name, bool IfExists) : StatementSyntax;

/// <summary><c>SHOW TABLES</c>.</summary>
internal sealed record ShowTablesStatement : StatementSyntax;
