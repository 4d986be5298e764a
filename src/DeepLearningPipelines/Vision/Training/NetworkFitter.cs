using System.Diagnostics;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Keras' <c>fit</c> loop over a <see cref="Trainer"/>: epochs of batches from an <see cref="IBatchSource"/>, a
/// validation pass after each epoch, early stopping on the validation loss (the training loss without validation
/// data) keeping the best epoch's weights, checkpoints every N steps, and progress per step and per epoch.
/// </summary>
public static class NetworkFitter
{
    /// <summary>Trains <paramref name="graph"/> (not modified) and returns the trained graph with the epoch summaries.</summary>
    public static FitResult Fit(ModelGraph graph, IBatchSource train, IBatchSource? validation, TrainerOptions options, FitSettings settings,
        Action<TrainingProgress>? onStep = null, Action<EpochSummary>? onEpoch = null, CancellationToken cancel = default)
    {
        settings.Validate();
        using var trainer = new Trainer(graph, options);
        var epochs = new List<EpochSummary>();
        ModelGraph? best = null;
        double bestLoss = double.PositiveInfinity;
        int sinceBest = 0;
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            var totals = new Totals();
            foreach (var (input, labels) in train.Batches(epoch, settings.BatchSize))
            {
                cancel.ThrowIfCancellationRequested();
                TrainingStepResult step;
                using (input) using (labels) step = trainer.Step(input, labels);
                if (!float.IsFinite(step.Loss))
                    throw new DlpException($"Training diverged at epoch {epoch + 1}, step {trainer.Steps}: the loss is {step.Loss}. Lower the learning rate (now {trainer.LearningRate}).");
                totals.Add(step);
                onStep?.Invoke(new TrainingProgress(epoch + 1, trainer.Steps, step.Loss, step.Accuracy, totals.Count / watch.Elapsed.TotalSeconds));
                if (settings.CheckpointEverySteps > 0 && trainer.Steps % settings.CheckpointEverySteps == 0) Checkpoint(trainer, settings.CheckpointFolder!);
            }
            if (totals.Count == 0) throw new DataFormatException("There are no training examples: the data set (after the validation split) is empty.");
            double seconds = watch.Elapsed.TotalSeconds;
            var checkedOn = validation is null ? default : Evaluate(trainer, validation, settings.BatchSize);
            var summary = new EpochSummary(epoch + 1, totals.Loss, totals.Accuracy, validation is null ? null : checkedOn.Loss,
                validation is null ? null : checkedOn.Accuracy, seconds, totals.Count / seconds);
            epochs.Add(summary);
            onEpoch?.Invoke(summary);
            if (settings.EarlyStoppingPatience == 0) continue;
            double monitored = summary.ValidationLoss ?? summary.Loss;
            if (monitored < bestLoss)
            {
                (bestLoss, sinceBest) = (monitored, 0);
                best = trainer.ToInferenceGraph();
            }
            else if (++sinceBest >= settings.EarlyStoppingPatience) break;
        }
        return new FitResult(best ?? trainer.ToInferenceGraph(), epochs);
    }

    /// <summary>Mean loss and accuracy of <paramref name="trainer"/>'s model over <paramref name="source"/> in inference mode.</summary>
    public static (double Loss, double? Accuracy) Evaluate(Trainer trainer, IBatchSource source, int batchSize)
    {
        var totals = new Totals();
        foreach (var (input, labels) in source.Batches(0, batchSize))
            using (input) using (labels) totals.Add(trainer.Evaluate(input, labels));
        return totals.Count == 0 ? (double.NaN, null) : (totals.Loss, totals.Accuracy);
    }

    private static void Checkpoint(Trainer trainer, string folder)
    {
        Directory.CreateDirectory(folder);
        byte[] model = OnnxExporter.ToBytes(trainer.ToInferenceGraph());
        AtomicFile.Write(Path.Combine(folder, $"checkpoint-{trainer.Steps}.onnx"), s => s.Write(model));
    }

    /// <summary>Example-weighted sums of batch losses and accuracies.</summary>
    private sealed class Totals
    {
        private double _loss, _correct;
        private bool _hasAccuracy = true;

        public long Count { get; private set; }

        public double Loss => _loss / Count;

        public double? Accuracy => _hasAccuracy && Count > 0 ? _correct / Count : null;

        public void Add(TrainingStepResult step)
        {
            _loss += (double)step.Loss * step.BatchSize;
            if (step.Accuracy is { } a) _correct += a * step.BatchSize;
            else _hasAccuracy = false;
            Count += step.BatchSize;
        }
    }
}
