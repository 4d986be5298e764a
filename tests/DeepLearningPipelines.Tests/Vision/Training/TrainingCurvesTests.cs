using DeepLearningPipelines.Tests.Ml.Evaluation.Plots;
using DeepLearningPipelines.Vision.Training;
using ScottPlot;

namespace DeepLearningPipelines.Tests.Vision.Training;

public sealed class TrainingCurvesTests
{
    private static readonly EpochSummary[] Epochs =
    [
        new(1, Loss: 2.0, Accuracy: 0.4, ValidationLoss: 1.8, ValidationAccuracy: 0.5, Seconds: 1, ImagesPerSecond: 10),
        new(2, Loss: 1.0, Accuracy: 0.7, ValidationLoss: 1.2, ValidationAccuracy: 0.6, Seconds: 1, ImagesPerSecond: 10),
        new(3, Loss: 0.5, Accuracy: 0.9, ValidationLoss: 1.1, ValidationAccuracy: 0.8, Seconds: 1, ImagesPerSecond: 10),
    ];

    [Fact]
    public void LossIsOnTheLeftAxisAndAccuracyOnTheRightTrainingBlueValidationOrange()
    {
        var plot = TrainingCurves.Create(Epochs, "Run", validationName: "test");
        using var pictures = new PlotPictures(plot);

        Assert.Equal(TrainingCurves.Training, pictures.ColorAt(2, 1.0, plot.Axes.Left));
        Assert.Equal(TrainingCurves.Validation, pictures.ColorAt(3, 1.1, plot.Axes.Left));
        Assert.Equal(TrainingCurves.Training, pictures.ColorAt(3, 0.9, plot.Axes.Right));
        Assert.Equal(TrainingCurves.Validation, pictures.ColorAt(1, 0.5, plot.Axes.Right));
        foreach (var text in new[] { "Run", "Epoch", "Loss", "Accuracy", "training loss", "test loss", "training accuracy", "test accuracy" })
            Assert.Contains(text, pictures.SvgText);
    }

    [Fact]
    public void MissingValidationAndNonFiniteValuesAreLeftOut()
    {
        EpochSummary[] epochs = [new(1, double.NaN, null, null, null, 1, 1), new(2, 0.7, null, null, null, 1, 1)];
        var plot = TrainingCurves.Create(epochs, "No validation");
        var line = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>());
        Assert.Equal("training loss", line.LegendText);
        Assert.Equal([new Coordinates(2, 0.7)], line.Data.GetScatterPoints());
    }
}
