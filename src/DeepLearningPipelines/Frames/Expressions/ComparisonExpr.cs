using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary><c>= != &lt; &lt;= &gt; &gt;=</c>; numbers compare by value and strings ordinally on typed buffers; null in, null out.</summary>
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

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        ResolveType(schema);
        var lt = left.ResolveType(schema);
        var rt = right.ResolveType(schema);
        var le = left.Bind(schema);
        var re = right.Bind(schema);
        bool numeric = (lt.IsNumeric || lt == DataTypes.Boolean) && (rt.IsNumeric || rt == DataTypes.Boolean);
        bool strings = lt == DataTypes.String && rt == DataTypes.String;
        return b =>
        {
            var x = le(b);
            var y = re(b);
            int n = b.RowCount;
            var res = new bool[n];
            bool[]? valid = null;
            Func<int, int> compare;
            if (numeric)
            {
                var xn = new NumericColumn(x, left.Name);
                var yn = new NumericColumn(y, right.Name);
                bool longs = lt != DataTypes.Boolean && rt != DataTypes.Boolean && xn.IsIntegral && yn.IsIntegral;
                compare = longs ? r => xn.Long(r).CompareTo(yn.Long(r)) : r => ValueComparer.CompareDoubles(xn.Double(r), yn.Double(r));
            }
            else if (strings)
            {
                var xs = (StringArray)x;
                var ys = (StringArray)y;
                compare = r => string.CompareOrdinal(xs.GetString(r), ys.GetString(r));
            }
            else compare = r => ValueComparer.Instance.Compare(ArrowValues.Get(x, lt, r), ArrowValues.Get(y, rt, r));
            for (int r = 0; r < n; r++)
            {
                if (x.IsNull(r) || y.IsNull(r))
                {
                    (valid ??= AllValid(n))[r] = false;
                    continue;
                }
                int c = compare(r);
                res[r] = op switch
                {
                    "=" => c == 0,
                    "!=" => c != 0,
                    "<" => c < 0,
                    "<=" => c <= 0,
                    ">" => c > 0,
                    _ => c >= 0,
                };
            }
            return PrimitiveArrays.Booleans(res, valid);
        };
    }

    private static bool[] AllValid(int n)
    {
        var valid = new bool[n];
        System.Array.Fill(valid, true);
        return valid;
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
            return CompareDoubles(ValueConvert.ToDouble(x, ""), ValueConvert.ToDouble(y, ""));
        }
        return string.CompareOrdinal(ValueFormat.Plain(x), ValueFormat.Plain(y));
    }

    /// <summary>Orders doubles as Spark does: NaN above every number and equal to NaN.</summary>
    public static int CompareDoubles(double x, double y) =>
        double.IsNaN(x) || double.IsNaN(y) ? double.IsNaN(x).CompareTo(double.IsNaN(y)) : x.CompareTo(y);

    private static bool IsNumber(object o) => o is int or long or double or float or bool;
}
