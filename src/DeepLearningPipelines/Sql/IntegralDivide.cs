using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Sql;

/// <summary>Spark's <c>a div b</c>: the quotient truncated toward zero, as a bigint; null when <c>b</c> is 0.</summary>
internal static class IntegralDivide
{
    public static Expr Create(Expr left, Expr right) => new ScalarFunctionExpr("div", [left, right], types =>
    {
        foreach (var t in types)
            if (!t.IsNumeric) throw new AnalysisException($"div takes numbers but was given {t.SimpleString} ({left.Name} div {right.Name}).");
        return DataTypes.Long;
    }, types => types.All(t => t == DataTypes.Integer || t == DataTypes.Long)
        ? v => Convert.ToInt64(v[1]) is var d && d == 0 ? null : Convert.ToInt64(v[0]) is var n && n == long.MinValue && d == -1 ? long.MinValue : n / d
        : v => Convert.ToDouble(v[1]) is var d && d == 0 ? null : (object)(long)Math.Truncate(Convert.ToDouble(v[0]) / d),
        displayName: $"({left.Name} div {right.Name})");
}
