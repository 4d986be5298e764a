using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary><c>+ - * / %</c> on numeric columns, on typed buffers; null in, null out; <c>/</c> always yields double and x / 0 is null, as in Spark.</summary>
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

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        var type = ResolveType(schema);
        var le = left.Bind(schema);
        var re = right.Bind(schema);
        bool integral = type == DataTypes.Integer || type == DataTypes.Long;
        return b =>
        {
            var x = new NumericColumn(le(b), left.Name);
            var y = new NumericColumn(re(b), right.Name);
            int n = b.RowCount;
            bool[]? valid = null;
            void Null(int r) => (valid ??= Filled(n))[r] = false;
            for (int r = 0; r < n; r++) if (x.IsNull(r) || y.IsNull(r)) Null(r);
            if (integral)
            {
                var res = new long[n];
                for (int r = 0; r < n; r++)
                {
                    if (valid is not null && !valid[r]) continue;
                    long a = x.Long(r), c = y.Long(r);
                    if (op == '%' && c == 0) { Null(r); continue; }
                    res[r] = op switch { '+' => a + c, '-' => a - c, '*' => a * c, _ => a % c };
                }
                return type == DataTypes.Integer ? PrimitiveArrays.Of(type, System.Array.ConvertAll(res, v => (int)v), valid) : PrimitiveArrays.Of(type, res, valid);
            }
            var d = new double[n];
            for (int r = 0; r < n; r++)
            {
                if (valid is not null && !valid[r]) continue;
                double p = x.Double(r), q = y.Double(r);
                if (op is '/' or '%' && q == 0) { Null(r); continue; }
                d[r] = op switch { '+' => p + q, '-' => p - q, '*' => p * q, '/' => p / q, _ => p % q };
            }
            return type == DataTypes.Float ? PrimitiveArrays.Of(type, System.Array.ConvertAll(d, v => (float)v), valid) : PrimitiveArrays.Of(type, d, valid);
        };
    }

    private static bool[] Filled(int n)
    {
        var valid = new bool[n];
        System.Array.Fill(valid, true);
        return valid;
    }
}
