using DeepLearningPipelines.Core;

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

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        ResolveType(schema);
        var le = left.Bind(schema);
        var re = right?.Bind(schema);
        return b =>
        {
            var x = le(b);
            var y = re?.Invoke(b);
            var res = new object?[b.RowCount];
            for (int i = 0; i < res.Length; i++)
            {
                res[i] = op switch
                {
                    "ISNULL" => x[i] is null,
                    "ISNOTNULL" => x[i] is not null,
                    "NOT" => x[i] is bool v ? !v : null,
                    "AND" => (x[i], y![i]) switch
                    {
                        (false, _) or (_, false) => false,
                        (true, true) => true,
                        _ => null,
                    },
                    _ => (x[i], y![i]) switch
                    {
                        (true, _) or (_, true) => true,
                        (false, false) => false,
                        _ => null,
                    },
                };
            }
            return res;
        };
    }
}
