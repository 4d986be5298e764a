using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

public static partial class Functions
{
    /// <summary><c>CASE WHEN condition THEN value</c>; chain <see cref="Column.When"/> and end with <see cref="Column.Otherwise"/> (else null).</summary>
    public static Column When(Column condition, object? value) => new(CaseWhen.Build([(condition.Expr, Column.ToExpr(value))], null));

    /// <summary>The first non-null argument of each row (null when all are null).</summary>
    public static Column Coalesce(params Column[] columns)
    {
        if (columns.Length == 0) throw new ParamException("Coalesce needs at least one column.");
        var args = Exprs(columns);
        return new(new ScalarFunctionExpr("coalesce", args, types => TypeRules.Common("coalesce", args, types), types =>
        {
            var type = TypeRules.Common("coalesce", args, types);
            return v => TypeRules.To(type, System.Array.Find(v, x => x is not null));
        }, nullIntolerant: false));
    }

    /// <summary>True where the column is null.</summary>
    public static Column IsNull(Column column) => column.IsNull();

    /// <summary>True where the column is not null.</summary>
    public static Column IsNotNull(Column column) => column.IsNotNull();

    /// <summary>An array column of the arguments' values (nulls kept), Spark's <c>array</c>.</summary>
    public static Column Array(params Column[] columns)
    {
        var args = Exprs(columns);
        return new(new ScalarFunctionExpr("array", args, types => DataTypes.ArrayOf(TypeRules.Common("array", args, types)), types =>
        {
            var type = TypeRules.Common("array", args, types);
            return v => v.Select(x => TypeRules.To(type, x)).ToArray();
        }, nullIntolerant: false));
    }

    /// <summary>
    /// A struct column of the arguments; fields are named after the columns (or aliases), else <c>col1</c>, <c>col2</c>, …
    /// as in Spark. Values are <see cref="Row"/>s.
    /// </summary>
    public static Column Struct(params Column[] columns)
    {
        var args = Exprs(columns);
        var names = args.Select((a, i) => a is ColumnRef or AliasExpr or FieldExpr ? a.Name : $"col{i + 1}").ToArray();
        StructType Type(DataType[] types) => new(types.Select((t, i) => new StructField(names[i], t)));
        return new(new ScalarFunctionExpr("struct", args, Type, types =>
        {
            var type = Type(types);
            return v => new Row(type, (object?[])v.Clone());
        }, nullIntolerant: false));
    }

    /// <summary>One row per element of an array column (rows with a null or empty array are dropped); the column is named <c>col</c>.</summary>
    public static Column Explode(Column column) => new(new ExplodeExpr(column.Expr, outer: false));

    /// <summary>As <see cref="Explode"/>, but a null or empty array gives one row with a null element.</summary>
    public static Column ExplodeOuter(Column column) => new(new ExplodeExpr(column.Expr, outer: true));

    /// <summary>The largest non-null argument of each row (null when all are null).</summary>
    public static Column Greatest(params Column[] columns) => Extreme("greatest", columns, 1);

    /// <summary>The smallest non-null argument of each row (null when all are null).</summary>
    public static Column Least(params Column[] columns) => Extreme("least", columns, -1);

    private static Column Extreme(string name, Column[] columns, int sign)
    {
        if (columns.Length < 2) throw new ParamException($"{name} needs at least two columns but got {columns.Length}.");
        var args = Exprs(columns);
        DataType Type(DataType[] types)
        {
            var t = TypeRules.Common(name, args, types);
            if (t is not AtomicType || t == DataTypes.Binary) throw new SchemaException($"{name} cannot order values of type {t.SimpleString}.");
            return t;
        }
        return new(new ScalarFunctionExpr(name, args, Type, types =>
        {
            var type = Type(types);
            return v =>
            {
                object? best = null;
                foreach (var x in v)
                    if (x is not null && (best is null || sign * ValueComparer.Instance.Compare(x, best) > 0)) best = x;
                return TypeRules.To(type, best);
            };
        }, nullIntolerant: false));
    }

    private static Expr[] Exprs(Column[] columns) => columns.Select(c => c.Expr).ToArray();
}
