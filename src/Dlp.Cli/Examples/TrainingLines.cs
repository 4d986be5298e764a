using System.Globalization;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary>The console lines of training: one per epoch.</summary>
internal static class TrainingLines
{
    /// <summary>E.g. <c>epoch 3: loss 0.3121, accuracy 0.8874; validation loss 0.3310, accuracy 0.8790 (41.2 s, 1456 images/s)</c>.</summary>
    public static string Epoch(EpochSummary e, string validationName = "validation")
    {
        var c = CultureInfo.InvariantCulture;
        string line = string.Create(c, $"epoch {e.Epoch}: loss {e.Loss:F4}");
        if (e.Accuracy is { } a) line += string.Create(c, $", accuracy {a:F4}");
        if (e.ValidationLoss is { } vl) line += string.Create(c, $"; {validationName} loss {vl:F4}");
        if (e.ValidationAccuracy is { } va) line += string.Create(c, $", accuracy {va:F4}");
        return line + string.Create(c, $" ({e.Seconds:F1} s, {e.ImagesPerSecond:F0} images/s)");
    }

    /// <summary>An epoch summary as JSON-ready values.</summary>
    public static object Json(EpochSummary e) => new
    {
        epoch = e.Epoch, loss = e.Loss, accuracy = e.Accuracy, validationLoss = e.ValidationLoss, validationAccuracy = e.ValidationAccuracy,
        seconds = e.Seconds, imagesPerSecond = e.ImagesPerSecond,
    };
}
