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

    /// <summary>Null-safe equality (Spark's <c>&lt;=&gt;</c>): true when both are null, false when only one is.</summary>
    public Column EqNullSafe(object? other) => new(new NullSafeEqualExpr(Expr, ToExpr(other)));
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

    /// <summary>Field <paramref name="field"/> of this struct column (named <c>column.field</c>), as Spark's <c>getField</c>.</summary>
    public Column GetField(string field) => new(new FieldExpr(Expr, field, $"{Name}.{field}"));

    /// <summary>Field <paramref name="field"/> of this struct column, as <see cref="GetField"/>.</summary>
    public Column this[string field] => GetField(field);

    /// <summary>Element <paramref name="index"/> (0-based) of this array column; null when out of range, as Spark's <c>getItem</c>.</summary>
    public Column GetItem(int index) =>
        new(new ScalarFunctionExpr("getItem", [Expr, Literal.Of(index)], types => types[0] is ArrayType a ? a.ElementType
                : throw new SchemaException($"GetItem({index}) needs an array column but '{Name}' is {types[0].SimpleString}."),
            v => v[0] is System.Collections.IList list && index >= 0 && index < list.Count ? list[index] : null, displayName: $"{Name}[{index}]"));

    /// <summary>Element <paramref name="index"/> of this array column, as <see cref="GetItem"/>.</summary>
    public Column this[int index] => GetItem(index);

    /// <summary>Adds a branch to a <see cref="Functions.When"/> expression.</summary>
    public Column When(Column condition, object? value)
    {
        var (branches, otherwise) = CaseParts(nameof(When));
        if (otherwise is not null) throw new ParamException("When() cannot follow Otherwise(); add every branch before Otherwise().");
        branches.Add((condition.Expr, ToExpr(value)));
        return new(CaseWhen.Build(branches, null));
    }

    /// <summary>The value of a <see cref="Functions.When"/> expression when no condition holds (null without it).</summary>
    public Column Otherwise(object? value)
    {
        var (branches, otherwise) = CaseParts(nameof(Otherwise));
        if (otherwise is not null) throw new ParamException("Otherwise() can be applied only once.");
        return new(CaseWhen.Build(branches, ToExpr(value)));
    }

    private (List<(Expr When, Expr Then)> Branches, Expr? Otherwise) CaseParts(string method) =>
        CaseWhen.Decompose(Expr) ?? throw new ParamException($"{method}() can only be applied to a column made by Functions.When(), but '{Name}' is not one.");

    /// <summary>
    /// True where the value equals one of <paramref name="values"/>; null where the value is null, or where it matches
    /// none and the list holds a null (SQL's <c>IN</c>).
    /// </summary>
    public Column IsIn(params object?[] values)
    {
        var args = new[] { Expr }.Concat(values.Select(ToExpr)).ToArray();
        var name = $"({Name} IN ({string.Join(", ", args.Skip(1).Select(a => a.Name))}))";
        return new(new ScalarFunctionExpr("in", args, types =>
        {
            TypeRules.Common("IN", args, types);
            return DataTypes.Boolean;
        }, v =>
        {
            if (v[0] is null) return null;
            bool sawNull = false;
            for (int i = 1; i < v.Length; i++)
            {
                if (v[i] is null) sawNull = true;
                else if (ValueComparer.Instance.Compare(v[0], v[i]) == 0) return true;
            }
            return sawNull ? null : false;
        }, nullIntolerant: false, displayName: name));
    }

    /// <summary><see cref="IsIn"/> over the elements of a collection, as Spark's <c>isInCollection</c>.</summary>
    public Column IsInCollection(System.Collections.IEnumerable values) => IsIn(values.Cast<object?>().ToArray());

    /// <summary>True where <paramref name="lower"/> ≤ value ≤ <paramref name="upper"/> (bounds included).</summary>
    public Column Between(object lower, object upper) => Geq(lower).And(Leq(upper));

    /// <summary>SQL <c>LIKE</c>: <c>%</c> matches any text, <c>_</c> one character, <c>\</c> escapes; the whole value must match.</summary>
    public Column Like(string pattern)
    {
        var regex = SqlPatterns.Like(pattern);
        return new(new ScalarFunctionExpr("like", [Expr, Literal.Of(pattern)], StringPredicate("like"), v => regex.IsMatch((string)v[0]!), displayName: $"{Name} LIKE {pattern}"));
    }

    /// <summary>True where a regular expression matches part of the value (Spark's <c>rlike</c>).</summary>
    public Column RLike(string regex)
    {
        var compiled = SqlPatterns.Regex(regex);
        return new(new ScalarFunctionExpr("RLIKE", [Expr, Literal.Of(regex)], StringPredicate("rlike"), v => compiled.IsMatch((string)v[0]!)));
    }

    private Func<DataType[], DataType> StringPredicate(string function) => types =>
    {
        if (types[0] != DataTypes.String) throw new SchemaException($"{function} needs a string column but '{Name}' is {types[0].SimpleString}.");
        return DataTypes.Boolean;
    };

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
