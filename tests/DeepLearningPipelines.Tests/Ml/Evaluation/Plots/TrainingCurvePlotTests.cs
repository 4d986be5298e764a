using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Plots;

namespace DeepLearningPipelines.Tests.Ml.Evaluation.Plots;

public sealed class TrainingCurvePlotTests
{
    [Fact]
    public void EachRunIsALineThroughItsLossPerIteration()
    {
        double[] falling = [4, 3, 2, 1, 0.5], flat = [3, 3, 3];
        var plot = TrainingCurvePlot.Create([("falling", falling), ("flat", flat)]);
        using var pictures = new PlotPictures(plot);

        Assert.NotEqual(pictures.At(2, 2), pictures.At(2, 3.6)); // the falling run passes (2, 2), nothing else is near (2, 3.6)
        Assert.False(PlotPictures.IsBlank(pictures.At(2, 2)), $"no line at iteration 2, loss 2: {pictures.At(2, 2)}");
        Assert.False(PlotPictures.IsBlank(pictures.At(1, 3)), $"no line at iteration 1, loss 3: {pictures.At(1, 3)}");
        Assert.True(PlotPictures.IsBlank(pictures.At(3, 3.6)), $"something drawn at iteration 3, loss 3.6: {pictures.At(3, 3.6)}");
        Assert.Contains("falling", pictures.SvgText);
        Assert.Contains("Iteration", pictures.SvgText);
    }

    [Fact]
    public void ARunWithoutLossIsRejected()
    {
        Assert.Throws<ParamException>(() => TrainingCurvePlot.Create([("empty", Array.Empty<double>())]));
        Assert.Throws<ParamException>(() => TrainingCurvePlot.Create([]));
    }

    [Fact]
    public void AnUnknownExtensionIsRejected()
    {
        Assert.Throws<ParamException>(() => PlotFile.Save(TrainingCurvePlot.Create([("a", [1.0])]), "plot.gif"));
    }
}
