using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>
/// The schema of a union, intersect or except: columns match by position and keep the first input's names; types
/// widen as Spark widens them (numeric to the wider numeric type, a string with another scalar to string).
/// </summary>
internal static class SetOperationSchema
{
    public static StructType Common(StructType left, StructType right, string operation)
    {
        if (left.Count != right.Count)
            throw new SchemaException($"{operation} can only be performed on inputs with the same number of columns, but the first has {left.Count} and the second has {right.Count}.");
        return new StructType(left.Fields.Select((l, i) =>
        {
            var r = right[i];
            var type = Wider(l.DataType, r.DataType)
                ?? throw new SchemaException($"{operation}: column {i + 1} is {l.DataType.SimpleString} ('{l.Name}') in the first input but {r.DataType.SimpleString} ('{r.Name}') in the second, and they have no common type; cast one side.");
            return l with { DataType = type, Nullable = l.Nullable || r.Nullable };
        }));
    }

    /// <summary>The plan with its columns converted to <paramref name="target"/>'s types and names (itself when they already match).</summary>
    public static Plan Conform(Plan plan, StructType target)
    {
        if (plan.Schema.Fields.Select(f => f.DataType).SequenceEqual(target.Fields.Select(f => f.DataType))) return plan;
        return new ProjectPlan(plan, target.Fields.Select((f, i) =>
        {
            Expr column = new OrdinalRef(i, plan.Schema[i].Name);
            return (Expr)new AliasExpr(plan.Schema[i].DataType == f.DataType ? column : new CastExpr(column, f.DataType), f.Name);
        }).ToArray());
    }

    private static DataType? Wider(DataType a, DataType b)
    {
        if (a == b) return a;
        if (a.IsNumeric && b.IsNumeric) return DataTypes.WiderNumeric(a, b);
        bool scalar = a is AtomicType && b is AtomicType && a != DataTypes.Binary && b != DataTypes.Binary;
        return scalar && (a == DataTypes.String || b == DataTypes.String) ? DataTypes.String : null;
    }
}
