using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Ml;

namespace DeepLearningPipelines.Sql;

/// <summary>A function registered with <see cref="UdfRegistration"/>.</summary>
internal abstract class SqlFunction(string name)
{
    public string Name { get; } = name;
}

/// <summary>A function that is an expression over its arguments (row-wise, batch-wise and image-model functions).</summary>
internal sealed class ExpressionFunction(string name, int? arity, Func<Expr[], Expr> build) : SqlFunction(name)
{
    public Expr Build(Expr[] args)
    {
        if (arity is { } n && args.Length != n)
            throw new AnalysisException($"Function {Name} takes {n} argument{(n == 1 ? "" : "s")} but {args.Length} were given.");
        return build(args);
    }
}

/// <summary>
/// A fitted model (a <c>PipelineModel</c> or any transformer) called as a function: the arguments become the model's
/// input columns, the model transforms the plan, and the call's value is its output column.
/// </summary>
internal sealed class TransformerFunction(string name, Transformer model, string[] inputCols, string outputCol) : SqlFunction(name)
{
    public Transformer Model { get; } = model;
    public IReadOnlyList<string> InputCols { get; } = inputCols;
    public string OutputCol { get; } = outputCol;
}
