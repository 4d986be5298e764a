using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary><c>= != &lt; &lt;= &gt; &gt;=</c>; numbers compare by value, strings ordinally; null in, null out.</summary>
internal sealed class ComparisonExpr(string op, Expr left, Expr right) : Expr
{
    public string Op => op;
    public Expr Left => left;
    public Expr Right => right;
    public override string Name => $"({left.Name} {op} {right.Name})";
    public override IEnumerable<Expr> Children => [left, right];

    public override DataType ResolveType(StructType schema)
    {
        var l = left.ResolveType(schema);
        var r = right.ResolveType(schema);
        bool numeric = (l.IsNumeric || l == DataTypes.Boolean) && (r.IsNumeric || r == DataTypes.Boolean);
        if (!numeric && l != r && op is not ("=" or "!="))
            throw new SchemaException($"Cannot compare column '{left.Name}' ({l.SimpleString}) with '{right.Name}' ({r.SimpleString}).");
        return DataTypes.Boolean;
    }

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        ResolveType(schema);
        var le = left.Bind(schema);
        var re = right.Bind(schema);
        return b =>
        {
            var x = le(b);
            var y = re(b);
            var res = new object?[b.RowCount];
            for (int i = 0; i < res.Length; i++)
            {
                if (x[i] is null || y[i] is null) continue;
                int c = ValueComparer.Instance.Compare(x[i], y[i]);
                res[i] = op switch
                {
                    "=" => c == 0,
                    "!=" => c != 0,
                    "<" => c < 0,
                    "<=" => c <= 0,
                    ">" => c > 0,
                    _ => c >= 0,
                };
            }
            return res;
        };
    }
}

/// <summary>Orders column values: nulls first, numbers by value (NaN above every number, equal to NaN), strings ordinally.</summary>
internal sealed class ValueComparer : IComparer<object?>
{
    public static readonly ValueComparer Instance = new();

    public int Compare(object? x, object? y)
    {
        if (x is null) return y is null ? 0 : -1;
        if (y is null) return 1;
        if (x is string sx && y is string sy) return string.CompareOrdinal(sx, sy);
        if (IsNumber(x) && IsNumber(y))
        {
            if (x is (int or long) && y is (int or long)) return Convert.ToInt64(x).CompareTo(Convert.ToInt64(y));
            double dx = ValueConvert.ToDouble(x, ""), dy = ValueConvert.ToDouble(y, "");
            if (double.IsNaN(dx) || double.IsNaN(dy)) return double.IsNaN(dx).CompareTo(double.IsNaN(dy)); // NaN is the largest, as in Spark
            return dx.CompareTo(dy);
        }
        return string.CompareOrdinal(ValueFormat.Plain(x), ValueFormat.Plain(y));
    }

    private static bool IsNumber(object o) => o is int or long or double or float or bool;
}
