using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>
/// Turns <c>Join(other, on, how)</c> into a <see cref="JoinPlan"/>: finds the equality keys, the output layout and
/// the strategy. A side is broadcast when it carries the <c>Broadcast</c> hint or has at most
/// <c>autoBroadcastRows</c> rows (when known), and the join type allows building that side, as in Spark.
/// </summary>
internal static class JoinPlanner
{
    /// <summary>A join on columns both sides have, output once (Spark's <c>join(other, Seq("k"))</c>).</summary>
    public static Plan Using(Plan left, Plan right, string[] columns, JoinType type, long autoBroadcastRows)
    {
        if (columns.Length == 0) return On(left, right, null, type, autoBroadcastRows);
        var keyTypes = new DataType[columns.Length];
        var leftKeys = new Expr[columns.Length];
        var rightKeys = new Expr[columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            var c = columns[k];
            if (!left.Schema.Contains(c) || !right.Schema.Contains(c))
                throw new SchemaException($"Join column '{MessageText.Escape(c)}' must exist on both sides. Left columns: [{string.Join(", ", left.Schema.FieldNames)}]; right columns: [{string.Join(", ", right.Schema.FieldNames)}].");
            keyTypes[k] = CommonKeyType(left.Schema[c], right.Schema[c])
                ?? throw new SchemaException($"Join column '{MessageText.Escape(c)}' is {left.Schema[c].DataType.SimpleString} on the left but {right.Schema[c].DataType.SimpleString} on the right; cast one side so both match.");
            leftKeys[k] = CastTo(new ColumnRef(c), left.Schema[c].DataType, keyTypes[k]);
            rightKeys[k] = CastTo(new ColumnRef(c), right.Schema[c].DataType, keyTypes[k]);
        }
        var scope = new JoinScope((left.Schema, null), (right.Schema, null));
        return Choose(left, right, type, leftKeys, rightKeys, null, scope, JoinOutput.Using(left.Schema, right.Schema, columns, keyTypes, type), autoBroadcastRows);
    }

    /// <summary>A join on a boolean condition (or none: every pair); both sides' columns are output.</summary>
    public static Plan On(Plan left, Plan right, Expr? condition, JoinType type, long autoBroadcastRows)
    {
        var (leftAlias, rightAlias) = (AliasOf(left), AliasOf(right));
        var scope = new JoinScope((left.Schema, leftAlias), (right.Schema, rightAlias));
        var leftScope = new JoinScope((left.Schema, leftAlias));
        var rightScope = new JoinScope((right.Schema, rightAlias));
        var leftKeys = new List<Expr>();
        var rightKeys = new List<Expr>();
        var residual = new List<Expr>();
        if (condition is not null)
        {
            _ = scope.References(condition).Count(); // rejects ambiguous and unknown names with a precise message
            var t = condition.ResolveType(scope.View);
            if (t != DataTypes.Boolean) throw new SchemaException($"Join condition '{condition.Name}' must be boolean but is {t.SimpleString}.");
            if (condition.ContainsAggregate) throw new SchemaException($"Aggregate '{condition.Name}' is not allowed in a join condition.");
            foreach (var conjunct in Conjuncts(condition))
            {
                if (conjunct is ComparisonExpr { Op: "=" } eq && SideOf(eq.Left, scope, left.Schema.Count) is { } a && SideOf(eq.Right, scope, left.Schema.Count) is { } b && a != b)
                {
                    var (l, r) = a == Side.Left ? (eq.Left, eq.Right) : (eq.Right, eq.Left);
                    var (lt, rt) = (l.ResolveType(scope.View), r.ResolveType(scope.View));
                    if (CommonKeyType(new StructField("", lt), new StructField("", rt)) is { } common)
                    {
                        leftKeys.Add(CastTo(new ScopedExpr(l, leftScope), lt, common));
                        rightKeys.Add(CastTo(new ScopedExpr(r, rightScope), rt, common));
                        continue;
                    }
                }
                residual.Add(conjunct);
            }
        }
        var rest = residual.Count == 0 ? null : residual.Aggregate((x, y) => new LogicalExpr("AND", x, y));
        var output = JoinOutput.Concat(left.Schema, right.Schema,
            leftNullable: type is JoinType.RightOuter or JoinType.FullOuter, rightNullable: type is JoinType.LeftOuter or JoinType.FullOuter,
            leftOnly: type.IsExistence());
        return Choose(left, right, type, leftKeys.ToArray(), rightKeys.ToArray(), rest, scope, output, autoBroadcastRows);
    }

    private static Plan Choose(Plan left, Plan right, JoinType type, Expr[] leftKeys, Expr[] rightKeys, Expr? residual, JoinScope scope,
        JoinOutput output, long autoBroadcastRows)
    {
        bool canBuildRight = type is JoinType.Inner or JoinType.Cross or JoinType.LeftOuter or JoinType.LeftSemi or JoinType.LeftAnti;
        bool canBuildLeft = type is JoinType.Inner or JoinType.Cross or JoinType.RightOuter;
        long? leftRows = PlanSize.Rows(left), rightRows = PlanSize.Rows(right);
        bool Small(long? rows) => autoBroadcastRows >= 0 && rows <= autoBroadcastRows;
        bool? buildLeft =
            canBuildRight && IsHinted(right) ? false
            : canBuildLeft && IsHinted(left) ? true
            : canBuildRight && Small(rightRows) && !(canBuildLeft && Small(leftRows) && leftRows < rightRows) ? false
            : canBuildLeft && Small(leftRows) ? true
            : null;
        return new JoinPlan(left, right, type, leftKeys, rightKeys, residual, scope, output,
            buildLeft: buildLeft ?? type == JoinType.RightOuter, broadcast: buildLeft is not null);
    }

    private enum Side { Left, Right }

    /// <summary>The one side an expression's columns all come from; null when it has none or uses both.</summary>
    private static Side? SideOf(Expr e, JoinScope scope, int leftWidth)
    {
        var sides = scope.References(e).Select(i => i < leftWidth ? Side.Left : Side.Right).Distinct().ToList();
        return sides.Count == 1 ? sides[0] : null;
    }

    private static IEnumerable<Expr> Conjuncts(Expr e) =>
        e is LogicalExpr { Op: "AND" } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right!)) : [e];

    /// <summary>The type both keys are compared in: their own when equal, the wider of two numeric types, else none.</summary>
    private static DataType? CommonKeyType(StructField left, StructField right)
    {
        if (left.DataType == right.DataType) return left.DataType;
        bool numeric = left.DataType.IsNumeric && right.DataType.IsNumeric;
        return numeric ? DataTypes.WiderNumeric(left.DataType, right.DataType) : null;
    }

    private static Expr CastTo(Expr e, DataType from, DataType to) => from == to ? e : new CastExpr(e, to);

    private static string? AliasOf(Plan plan) => plan switch
    {
        SubqueryAliasPlan a => a.Alias,
        BroadcastHintPlan h => AliasOf(h.Inputs.First()),
        _ => null,
    };

    private static bool IsHinted(Plan plan) => plan switch
    {
        BroadcastHintPlan => true,
        SubqueryAliasPlan a => IsHinted(a.Inputs.First()),
        _ => false,
    };
}
