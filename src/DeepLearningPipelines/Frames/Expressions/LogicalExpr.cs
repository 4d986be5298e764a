using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>AND, OR, NOT, IS NULL, IS NOT NULL with SQL's three-valued logic.</summary>
internal sealed class LogicalExpr(string op, Expr left, Expr? right) : Expr
{
    public string Op => op;
    public Expr Left => left;
    public Expr? Right => right;

    public override string Name => op switch
    {
        "NOT" => $"(NOT {left.Name})",
        "ISNULL" => $"({left.Name} IS NULL)",
        "ISNOTNULL" => $"({left.Name} IS NOT NULL)",
        _ => $"({left.Name} {op} {right!.Name})",
    };

    public override IEnumerable<Expr> Children => right is null ? [left] : [left, right];

    public override DataType ResolveType(StructType schema)
    {
        var l = left.ResolveType(schema);
        if (op is "AND" or "OR" or "NOT")
        {
            if (l != DataTypes.Boolean) throw new SchemaException($"'{op}' needs a boolean operand but '{left.Name}' is {l.SimpleString}.");
            if (right is not null && right.ResolveType(schema) != DataTypes.Boolean)
                throw new SchemaException($"'{op}' needs a boolean operand but '{right.Name}' is {right.ResolveType(schema).SimpleString}.");
        }
        return DataTypes.Boolean;
    }

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        ResolveType(schema);
        var le = left.Bind(schema);
        var re = right?.Bind(schema);
        return b =>
        {
            var x = le(b);
            int n = b.RowCount;
            var res = new bool[n];
            bool[]? valid = null;
            if (op is "ISNULL" or "ISNOTNULL")
            {
                for (int r = 0; r < n; r++) res[r] = x.IsNull(r) == (op == "ISNULL");
                return PrimitiveArrays.Booleans(res, null);
            }
            var xb = (BooleanArray)x;
            var yb = (BooleanArray?)re?.Invoke(b);
            for (int r = 0; r < n; r++)
            {
                bool? v = op switch
                {
                    "NOT" => !xb.GetValue(r),
                    "AND" => (xb.GetValue(r), yb!.GetValue(r)) switch
                    {
                        (false, _) or (_, false) => false,
                        (true, true) => true,
                        _ => null,
                    },
                    _ => (xb.GetValue(r), yb!.GetValue(r)) switch
                    {
                        (true, _) or (_, true) => true,
                        (false, false) => false,
                        _ => null,
                    },
                };
                if (v is { } value) res[r] = value;
                else
                {
                    valid ??= Enumerable.Repeat(true, n).ToArray();
                    valid[r] = false;
                }
            }
            return PrimitiveArrays.Booleans(res, valid);
        };
    }
}
