using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

/// <summary>A column expression, as Spark's <c>Column</c>: built with <see cref="Functions"/> and operators.</summary>
public sealed class Column
{
    internal Column(Expr expr) => Expr = expr;

    internal Expr Expr { get; }

    /// <summary>The name Spark would give the result column.</summary>
    public string Name => Expr.Name;

    public Column Alias(string name) => new(new AliasExpr(Expr, name));
    public Column As(string name) => Alias(name);
    public Column Cast(DataType type) => new(new CastExpr(Expr, type));
    public Column Cast(string type) => Cast(DataTypes.Parse(type));
    public Column IsNull() => new(new LogicalExpr("ISNULL", Expr, null));
    public Column IsNotNull() => new(new LogicalExpr("ISNOTNULL", Expr, null));
    public Column EqualTo(object? other) => Compare("=", other);
    public Column NotEqual(object? other) => Compare("!=", other);
    public Column Gt(object? other) => Compare(">", other);
    public Column Geq(object? other) => Compare(">=", other);
    public Column Lt(object? other) => Compare("<", other);
    public Column Leq(object? other) => Compare("<=", other);
    public Column And(Column other) => new(new LogicalExpr("AND", Expr, other.Expr));
    public Column Or(Column other) => new(new LogicalExpr("OR", Expr, other.Expr));

    /// <summary>Ascending sort order (nulls first).</summary>
    public Column Asc() => new(new SortOrderExpr(Expr, true));

    /// <summary>Descending sort order (nulls last).</summary>
    public Column Desc() => new(new SortOrderExpr(Expr, false));

    /// <summary>Ascending sort order with nulls first (the default of <see cref="Asc"/>).</summary>
    public Column AscNullsFirst() => new(new SortOrderExpr(Expr, true, nullsFirst: true));

    /// <summary>Ascending sort order with nulls last.</summary>
    public Column AscNullsLast() => new(new SortOrderExpr(Expr, true, nullsFirst: false));

    /// <summary>Descending sort order with nulls first.</summary>
    public Column DescNullsFirst() => new(new SortOrderExpr(Expr, false, nullsFirst: true));

    /// <summary>Descending sort order with nulls last (the default of <see cref="Desc"/>).</summary>
    public Column DescNullsLast() => new(new SortOrderExpr(Expr, false, nullsFirst: false));

    private Column Compare(string op, object? other) => new(new ComparisonExpr(op, Expr, ToExpr(other)));

    internal static Expr ToExpr(object? value) => value is Column c ? c.Expr : Literal.Of(value);

    public static Column operator +(Column a, object b) => new(new ArithmeticExpr('+', a.Expr, ToExpr(b)));
    public static Column operator -(Column a, object b) => new(new ArithmeticExpr('-', a.Expr, ToExpr(b)));
    public static Column operator *(Column a, object b) => new(new ArithmeticExpr('*', a.Expr, ToExpr(b)));
    public static Column operator /(Column a, object b) => new(new ArithmeticExpr('/', a.Expr, ToExpr(b)));
    public static Column operator %(Column a, object b) => new(new ArithmeticExpr('%', a.Expr, ToExpr(b)));
    public static Column operator >(Column a, object b) => a.Gt(b);
    public static Column operator <(Column a, object b) => a.Lt(b);
    public static Column operator >=(Column a, object b) => a.Geq(b);
    public static Column operator <=(Column a, object b) => a.Leq(b);
    public static Column operator &(Column a, Column b) => a.And(b);
    public static Column operator |(Column a, Column b) => a.Or(b);
    public static Column operator !(Column a) => new(new LogicalExpr("NOT", a.Expr, null));

    public override string ToString() => Name;
}
