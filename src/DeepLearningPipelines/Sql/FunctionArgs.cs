using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Sql;

/// <summary>The arguments of one function call: lowered expressions, and the constants some functions need.</summary>
internal sealed class FunctionArgs(string function, IReadOnlyList<SqlExpr> syntax, Expr[] lowered)
{
    public int Count => lowered.Length;
    public Expr[] Exprs => lowered;

    public Column this[int i] => new(lowered[i]);
    public Column[] Columns => lowered.Select(e => new Column(e)).ToArray();

    /// <summary>Fails unless the call has between <paramref name="min"/> and <paramref name="max"/> arguments.</summary>
    public FunctionArgs Arity(int min, int max = -1)
    {
        if (max < 0) max = min;
        if (Count < min || Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw new AnalysisException($"Function {function} takes {expected} argument{(max == 1 && min == 1 ? "" : "s")} but {Count} were given.");
        }
        return this;
    }

    public int Int(int i) => Constant(i) switch
    {
        int v => v,
        long v when v is >= int.MinValue and <= int.MaxValue => (int)v,
        _ => throw NotConstant(i, "an integer"),
    };

    public double Double(int i) => Constant(i) switch
    {
        int v => v,
        long v => v,
        double v => v,
        _ => throw NotConstant(i, "a number"),
    };

    public string String(int i) => Constant(i) as string ?? throw NotConstant(i, "a string");

    private object? Constant(int i) => syntax[i] switch
    {
        LiteralSyntax l => l.Value,
        UnarySyntax { Op: "-", Operand: LiteralSyntax { Value: int v } } => -v,
        _ => null,
    };

    private AnalysisException NotConstant(int i, string what) =>
        new($"Argument {i + 1} of {function} must be {what} constant, but was given an expression at {syntax[i].At}.");

}
