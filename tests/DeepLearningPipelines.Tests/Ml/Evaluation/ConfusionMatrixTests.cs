using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

public sealed class ConfusionMatrixTests
{
    [Fact]
    public void Counts_must_be_square_finite_and_not_negative()
    {
        Assert.Throws<ParamException>(() => new ConfusionMatrix([], new double[0, 0]));
        Assert.Throws<ParamException>(() => new ConfusionMatrix([0, 1], new double[2, 3]));
        Assert.Throws<ParamException>(() => new ConfusionMatrix([0], new double[,] { { -1 } }));
        Assert.Throws<ParamException>(() => new ConfusionMatrix([0], new double[,] { { double.NaN } }));
    }
}
