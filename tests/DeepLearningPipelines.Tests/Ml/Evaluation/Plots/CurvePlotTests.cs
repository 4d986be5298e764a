using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Plots;

namespace DeepLearningPipelines.Tests.Ml.Evaluation.Plots;

public sealed class CurvePlotTests
{
    // A perfect ranking: ROC goes up the left edge, then along the top; PR stays at precision 1 until recall 1.
    private static readonly BinaryClassificationMetrics Perfect = new([0.9, 0.8, 0.7, 0.3, 0.2, 0.1], [1, 1, 1, 0, 0, 0]);

    [Fact]
    public void RocCurveIsDrawnUpTheLeftEdgeAndAlongTheTop()
    {
        using var pictures = new PlotPictures(CurvePlot.Roc(Perfect));
        Assert.True(PlotPictures.IsColored(pictures.At(0, 0.5)), $"no curve at FPR 0, TPR 0.5: {pictures.At(0, 0.5)}");
        Assert.True(PlotPictures.IsColored(pictures.At(0.5, 1)), $"no curve at FPR 0.5, TPR 1: {pictures.At(0.5, 1)}");
        Assert.True(PlotPictures.IsBlank(pictures.At(0.7, 0.3)), $"something drawn below the diagonal: {pictures.At(0.7, 0.3)}");
        Assert.Contains("AUC 1.000", pictures.SvgText);
        Assert.Contains("False positive rate", pictures.SvgText);
    }

    [Fact]
    public void PrecisionRecallCurveStaysAtPrecisionOne()
    {
        using var pictures = new PlotPictures(CurvePlot.PrecisionRecall(Perfect));
        Assert.True(PlotPictures.IsColored(pictures.At(0.5, 1)), $"no curve at recall 0.5, precision 1: {pictures.At(0.5, 1)}");
        Assert.True(PlotPictures.IsBlank(pictures.At(0.75, 0.55)), $"something drawn at recall 0.75, precision 0.55: {pictures.At(0.75, 0.55)}");
        Assert.Contains("Recall", pictures.SvgText);
    }
}
