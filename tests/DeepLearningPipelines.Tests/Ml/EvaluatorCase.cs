using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>One evaluator for the common checks: how to build it and the predictions it scores.</summary>
public sealed record EvaluatorCase(string Name, Func<Evaluator> Create, Func<DataFrame> Data)
{
    public override string ToString() => Name;

    private static readonly Lazy<DataFrame> Scored = new(() =>
    {
        var data = StageCase.Mixed();
        return new LogisticRegression().SetMaxIter(20).Fit(data).Transform(data).Cache();
    });

    /// <summary>Logistic-regression predictions (rawPrediction, probability, prediction) with labels on the mixed frame.</summary>
    public static DataFrame Predictions() => Scored.Value;
}
