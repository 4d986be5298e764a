using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN v1 … [ELSE e] END</c> as a <see cref="ScalarFunctionExpr"/> whose arguments are
/// <c>c1, v1, c2, v2, …[, e]</c>: the first true condition picks its value; none true gives the else value or null.
/// </summary>
internal static class CaseWhen
{
    private const string Function = "CASE WHEN";

    /// <summary>A CASE expression.</summary>
    public static ScalarFunctionExpr Build(IReadOnlyList<(Expr When, Expr Then)> branches, Expr? otherwise)
    {
        var args = branches.SelectMany(b => new[] { b.When, b.Then }).Concat(otherwise is null ? [] : [otherwise]).ToArray();
        var name = "CASE" + string.Concat(branches.Select(b => $" WHEN {b.When.Name} THEN {b.Then.Name}")) + (otherwise is null ? "" : $" ELSE {otherwise.Name}") + " END";
        int pairs = branches.Count;
        return new ScalarFunctionExpr(Function, args, types => ResultType(args, types, pairs), types =>
        {
            var type = ResultType(args, types, pairs);
            return v =>
            {
                for (int i = 0; i < pairs; i++)
                    if (v[2 * i] is true) return TypeRules.To(type, v[2 * i + 1]);
                return otherwise is null ? null : TypeRules.To(type, v[^1]);
            };
        }, nullIntolerant: false, displayName: name);
    }

    /// <summary>The branches and else value of <paramref name="expr"/>, or null when it is not a CASE expression.</summary>
    public static (List<(Expr When, Expr Then)> Branches, Expr? Otherwise)? Decompose(Expr expr)
    {
        if (expr is not ScalarFunctionExpr { Function: Function } f) return null;
        var branches = new List<(Expr, Expr)>();
        for (int i = 0; i + 1 < f.Args.Count; i += 2) branches.Add((f.Args[i], f.Args[i + 1]));
        return (branches, f.Args.Count % 2 == 1 ? f.Args[^1] : null);
    }

    private static DataType ResultType(Expr[] args, DataType[] types, int pairs)
    {
        for (int i = 0; i < pairs; i++)
            if (types[2 * i] != DataTypes.Boolean && !TypeRules.IsNullLiteral(args[2 * i]))
                throw new SchemaException($"When() needs a boolean condition but '{MessageText.Escape(args[2 * i].Name)}' is {types[2 * i].SimpleString}.");
        var values = Enumerable.Range(0, args.Length).Where(k => k >= 2 * pairs || k % 2 == 1).ToArray();
        return TypeRules.Common("CASE WHEN", values.Select(k => args[k]).ToArray(), values.Select(k => types[k]).ToArray());
    }
}
