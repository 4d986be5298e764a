using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary><c>+ - * / %</c> on numeric columns; null in, null out; <c>/</c> always yields double, as in Spark.</summary>
internal sealed class ArithmeticExpr(char op, Expr left, Expr right) : Expr
{
    public override string Name => $"({left.Name} {op} {right.Name})";
    public override IEnumerable<Expr> Children => [left, right];

    public override DataType ResolveType(StructType schema)
    {
        var l = left.ResolveType(schema);
        var r = right.ResolveType(schema);
        foreach (var (e, t) in new[] { (left, l), (right, r) })
            if (!t.IsNumeric && t != DataTypes.Boolean)
                throw new SchemaException($"Cannot apply '{op}' to column '{e.Name}' of type {t.SimpleString}; a numeric type is required.");
        return op == '/' ? DataTypes.Double : DataTypes.WiderNumeric(l, r);
    }

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        var type = ResolveType(schema);
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
                res[i] = Apply(type, x[i]!, y[i]!);
            }
            return res;
        };
    }

    private object? Apply(DataType type, object x, object y)
    {
        if (type == DataTypes.Integer || type == DataTypes.Long)
        {
            long a = Convert.ToInt64(x is bool bx ? (bx ? 1 : 0) : x), c = Convert.ToInt64(y is bool by ? (by ? 1 : 0) : y);
            long v;
            switch (op)
            {
                case '+': v = a + c; break;
                case '-': v = a - c; break;
                case '*': v = a * c; break;
                default:
                    if (c == 0) return null;
                    v = a % c; break;
            }
            return type == DataTypes.Integer ? (object)(int)v : v;
        }
        double p = ValueConvert.ToDouble(x, left.Name), q = ValueConvert.ToDouble(y, right.Name);
        double r = op switch
        {
            '+' => p + q,
            '-' => p - q,
            '*' => p * q,
            '/' => q == 0 ? double.NaN : p / q,
            _ => q == 0 ? double.NaN : p % q,
        };
        if (op is '/' or '%' && q == 0) return null;
        return type == DataTypes.Float ? (object)(float)r : r;
    }
}
