using System.Globalization;
using DeepLearningPipelines.Cli.Examples;
using DeepLearningPipelines.Core.Progress;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Cli.Ui;

/// <summary>
/// Shows a network's fit on a <see cref="JobProgress"/>: a stage per epoch (images trained of the training split) and its
/// validation pass, and the <c>loss</c> and <c>accuracy</c> charts against the step: each batch's value as it trains,
/// the epoch's mean and the validation value at the epoch's last step.
/// </summary>
internal sealed class TrainingJob
{
    private readonly JobProgress _job;
    private readonly int _trainImages, _validationImages, _batchSize;
    private readonly MetricSeries _batchLoss, _epochLoss, _validationLoss, _batchAccuracy, _epochAccuracy, _validationAccuracy;
    private JobStage? _stage;
    private int _epoch;
    private long _step;

    /// <param name="job">The job to show the fit on.</param>
    /// <param name="trainImages">Images in the training split, trained once per epoch.</param>
    /// <param name="validationImages">Images in the validation split (0: none).</param>
    /// <param name="batchSize">Images per step.</param>
    public TrainingJob(JobProgress job, int trainImages, int validationImages, int batchSize)
    {
        (_job, _trainImages, _validationImages, _batchSize) = (job, trainImages, validationImages, batchSize);
        var loss = job.Chart("loss", "step");
        var accuracy = job.Chart("accuracy", "step");
        (_batchLoss, _epochLoss, _validationLoss) = (loss.Series("batch"), loss.Series("epoch mean"), loss.Series("validation"));
        (_batchAccuracy, _epochAccuracy, _validationAccuracy) = (accuracy.Series("batch"), accuracy.Series("epoch mean"), accuracy.Series("validation"));
    }

    /// <summary>Records one step; pass it as the fit's step callback.</summary>
    public void Step(TrainingProgress step)
    {
        if (step.Epoch != _epoch)
        {
            _epoch = step.Epoch;
            _stage = _job.StartStage(string.Create(CultureInfo.InvariantCulture, $"epoch {step.Epoch}"), _trainImages, "images");
        }
        _stage!.Advance(Math.Min(_batchSize, _trainImages - _stage.Done));
        _step = step.Step;
        _batchLoss.Add(step.Step, step.Loss);
        if (step.Accuracy is { } accuracy) _batchAccuracy.Add(step.Step, accuracy);
        if (_validationImages > 0 && _stage.Done >= _trainImages)
            _stage = _job.StartStage(string.Create(CultureInfo.InvariantCulture, $"validating epoch {step.Epoch}"), _validationImages, "images");
    }

    /// <summary>Records a finished epoch; pass it as (or call it from) the fit's epoch callback.</summary>
    public void Epoch(EpochSummary epoch)
    {
        if (_stage is not null && _stage.Total is { } total) _stage.Advance(total - _stage.Done);
        _epochLoss.Add(_step, epoch.Loss);
        if (epoch.Accuracy is { } accuracy) _epochAccuracy.Add(_step, accuracy);
        if (epoch.ValidationLoss is { } validationLoss) _validationLoss.Add(_step, validationLoss);
        if (epoch.ValidationAccuracy is { } validationAccuracy) _validationAccuracy.Add(_step, validationAccuracy);
    }

    /// <summary>Marks the job done with the epochs' lines and the final validation accuracy as its report.</summary>
    public void Complete(FitResult result)
    {
        var lines = result.Epochs.Select(e => TrainingLines.Epoch(e)).ToList();
        lines.Add(result.ValidationAccuracy is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"validation accuracy {a:F4}")
            : "no validation images (--validation-split 0)");
        _job.Complete(string.Join('\n', lines));
    }
}
