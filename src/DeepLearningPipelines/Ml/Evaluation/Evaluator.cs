using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Evaluation;

/// <summary>Scores a transformed DataFrame with one metric, as Spark's <c>Evaluator</c>.</summary>
public abstract class Evaluator : SavableParams
{
    protected Evaluator(string? uid) : base(uid) { }

    /// <summary>The metric value for <paramref name="dataset"/> (with <paramref name="extra"/> params applied).</summary>
    public double Evaluate(DataFrame dataset, ParamMap? extra = null) =>
        extra is null || extra.Count == 0 ? EvaluateImpl(dataset) : Copy(extra).EvaluateImpl(dataset);

    protected abstract double EvaluateImpl(DataFrame dataset);

    /// <summary>Whether larger values of the chosen metric are better (false for logLoss).</summary>
    public abstract bool IsLargerBetter { get; }

    /// <summary>A copy with the same uid and values plus <paramref name="extra"/>.</summary>
    public Evaluator Copy(ParamMap? extra = null) => (Evaluator)CopyParams(extra);
}
