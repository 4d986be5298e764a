using System.Diagnostics;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Keras' <c>fit</c> loop over a <see cref="Trainer"/>: epochs of batches from an <see cref="IBatchSource"/>, a
/// validation pass after each epoch, early stopping on the validation loss (the training loss without validation
/// data) keeping the best epoch's weights, checkpoints every N steps that a later run resumes from, and progress per
/// step and per epoch. With a <see cref="FitSettings.Session"/> of several ranks it trains data-parallel: rank 0's
/// state is handed to every rank at the start, each rank trains on its share of every batch, the gradients are
/// averaged over the ranks (weighted by each rank's rows) before every update, the BatchNormalization running
/// statistics are averaged at the end of every epoch, losses and accuracies are summed over the ranks, and only rank 0
/// reports progress and writes checkpoints.
/// </summary>
public static class NetworkFitter
{
    /// <summary>Trains <paramref name="graph"/> (not modified) and returns the trained graph with the epoch summaries (the same on every rank).</summary>
    public static FitResult Fit(ModelGraph graph, IBatchSource train, IBatchSource? validation, TrainerOptions options, FitSettings settings,
        Action<TrainingProgress>? onStep = null, Action<EpochSummary>? onEpoch = null, CancellationToken cancel = default)
    {
        settings.Validate();
        var ranks = TrainingRanks.Of(settings.Session);
        var average = new RankAverage(ranks, options.GradientReducer);
        using var trainer = new Trainer(graph, ranks.Count == 1 ? options
            : options.With(average.Reduce, unchecked(options.Seed + 1_000_003 * ranks.Rank), options.Threads ?? ranks.Threads));
        var start = Start(trainer, settings, ranks);
        var epochs = start.Epochs.ToList();
        var best = start.Best is null ? null : new Best(OnnxImporter.Load(start.Best, source: "the checkpoint's best weights"), start.Best);
        double bestLoss = start.BestLoss;
        int sinceBest = start.SinceBest;
        for (int epoch = start.Epoch; epoch < settings.Epochs; epoch++)
        {
            bool resumed = epoch == start.Epoch;
            var totals = resumed ? start.Totals : new FitTotals();
            long stepInEpoch = resumed ? start.StepInEpoch : 0, rowsHere = 0;
            var watch = Stopwatch.StartNew();
            using (var batches = train.Batches(epoch, settings.BatchSize, new BatchShard(ranks.Rank, ranks.Count, stepInEpoch)).GetEnumerator())
                while (true)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (TrainStep(trainer, batches, ranks, average) is not var (lossSum, correct, rows)) break;
                    double loss = lossSum / rows;
                    if (!double.IsFinite(loss))
                        throw new DlpException($"Training diverged at epoch {epoch + 1}, step {trainer.Steps}: the loss is {loss}. Lower the learning rate (now {trainer.LearningRate}).");
                    totals.Add(lossSum, correct, rows);
                    (stepInEpoch, rowsHere) = (stepInEpoch + 1, rowsHere + rows);
                    if (ranks.Rank != 0) continue;
                    onStep?.Invoke(new TrainingProgress(epoch + 1, trainer.Steps, (float)loss, correct is { } c ? (float)(c / rows) : null, rowsHere / watch.Elapsed.TotalSeconds));
                    if (settings.CheckpointEverySteps > 0 && trainer.Steps % settings.CheckpointEverySteps == 0)
                        Checkpoint(trainer, settings, new FitCheckpoint
                        {
                            BatchSize = settings.BatchSize, Epoch = epoch, StepInEpoch = stepInEpoch, Totals = totals, BestLoss = bestLoss,
                            SinceBest = sinceBest, Best = best?.Onnx, Epochs = epochs, TrainerState = [],
                        });
                }
            if (totals.Count == 0)
                throw new DataFormatException(ranks.Count == 1
                    ? "There are no training examples: the data set (after the validation split) is empty."
                    : $"There are no training examples on at least one of the {ranks.Count} ranks, which ends every epoch at once: give the data at least as many partitions as ranks.");
            double seconds = watch.Elapsed.TotalSeconds;
            AverageStatistics(trainer, ranks);
            var checkedOn = validation is null ? default : Evaluate(trainer, validation, settings.BatchSize, ranks);
            var summary = new EpochSummary(epoch + 1, totals.Loss, totals.Accuracy, validation is null ? null : checkedOn.Loss,
                validation is null ? null : checkedOn.Accuracy, seconds, rowsHere / seconds);
            epochs.Add(summary);
            if (ranks.Rank == 0) onEpoch?.Invoke(summary);
            if (settings.EarlyStoppingPatience == 0) continue;
            double monitored = summary.ValidationLoss ?? summary.Loss;
            if (monitored < bestLoss)
            {
                (bestLoss, sinceBest) = (monitored, 0);
                var graphNow = trainer.ToInferenceGraph();
                best = new Best(graphNow, settings.CheckpointEverySteps > 0 ? OnnxExporter.ToBytes(graphNow) : null);
            }
            else if (++sinceBest >= settings.EarlyStoppingPatience) break;
        }
        return new FitResult(best?.Graph ?? trainer.ToInferenceGraph(), epochs);
    }

    /// <summary>Mean loss and accuracy of <paramref name="trainer"/>'s model over <paramref name="source"/> in inference mode.</summary>
    public static (double Loss, double? Accuracy) Evaluate(Trainer trainer, IBatchSource source, int batchSize) =>
        Evaluate(trainer, source, batchSize, TrainingRanks.Single);

    private static (double Loss, double? Accuracy) Evaluate(Trainer trainer, IBatchSource source, int batchSize, TrainingRanks ranks)
    {
        var totals = new FitTotals();
        foreach (var (input, labels) in source.Batches(0, batchSize, new BatchShard(ranks.Rank, ranks.Count, 0)))
            using (input) using (labels)
                if (input.Shape[0] > 0) totals.Add(trainer.Evaluate(input, labels));
        double[] sums = [totals.LossSum, totals.Correct, totals.Count, totals.HasAccuracy ? 0 : 1];
        ranks.Sum(sums);
        return sums[2] == 0 ? (double.NaN, null) : (sums[0] / sums[2], sums[3] > 0 ? null : sums[1] / sums[2]);
    }

    /// <summary>
    /// One step over every rank: this rank's next batch (none when its share ran out; it may hold no rows), its
    /// gradients, then the sums over the ranks of [ranks with a batch, rows, loss × rows, correct rows, rows without
    /// accuracy]. When any rank had no batch, no rank updates and the epoch ends everywhere (so no rank ever waits for
    /// one that finished); otherwise every rank applies the averaged gradients. Returns the step's sums, or null.
    /// </summary>
    private static (double LossSum, double? Correct, long Rows)? TrainStep(Trainer trainer, IEnumerator<(Tensor Input, Tensor Labels)> batches,
        TrainingRanks ranks, RankAverage average)
    {
        bool has = batches.MoveNext();
        var (input, labels) = has ? batches.Current : default;
        using (input)
        using (labels)
        {
            int rows = has ? input.Shape[0] : 0;
            var local = rows > 0 ? trainer.ComputeGradients(input, labels) : default;
            double[] sums = [has ? 1 : 0, rows, local.Loss * (double)rows, (local.Accuracy ?? 0) * (double)rows, rows > 0 && local.Accuracy is null ? 1 : 0];
            ranks.Sum(sums);
            if (sums[0] < ranks.Count) return null;
            average.Rows(rows, (long)sums[1]);
            trainer.ApplyGradients();
            return (sums[2], sums[4] > 0 ? null : sums[3], (long)sums[1]);
        }
    }

    /// <summary>Every rank takes the mean of the ranks' BatchNormalization running statistics.</summary>
    private static void AverageStatistics(Trainer trainer, TrainingRanks ranks)
    {
        if (ranks.Count == 1 || trainer.StatisticsCount == 0) return;
        var statistics = new float[trainer.StatisticsCount];
        trainer.CopyStatisticsTo(statistics);
        ranks.Sum(statistics);
        foreach (ref float s in statistics.AsSpan()) s /= ranks.Count;
        trainer.SetStatistics(statistics);
    }

    /// <summary>
    /// Where the fit starts: rank 0 reads the latest checkpoint when resuming (or takes its fresh trainer's state), and
    /// every rank loads what rank 0 has, so all ranks start from the same weights, optimizer state and position.
    /// </summary>
    private static FitCheckpoint Start(Trainer trainer, FitSettings settings, TrainingRanks ranks)
    {
        byte[]? bytes = null;
        string source = "sent by rank 0";
        if (ranks.Rank == 0)
        {
            string? latest = settings.Resume ? FitCheckpoint.Latest(settings.CheckpointFolder!) : null;
            if (latest is not null) (bytes, source) = (File.ReadAllBytes(latest), latest);
            else if (ranks.Count > 1) bytes = Beginning(StateOf(trainer), settings).ToBytes();
        }
        if (ranks.Count > 1) bytes = ranks.FromRankZero(bytes);
        if (bytes is null) return Beginning([], settings);
        var checkpoint = FitCheckpoint.FromBytes(bytes, source);
        if (checkpoint.BatchSize != settings.BatchSize)
            throw new ParamException($"Checkpoint {source} was written training with batch size {checkpoint.BatchSize}; resume with the same batch size, not {settings.BatchSize}.");
        trainer.ReadState(new MemoryStream(checkpoint.TrainerState));
        return checkpoint;
    }

    private static FitCheckpoint Beginning(byte[] state, FitSettings settings) => new()
    {
        BatchSize = settings.BatchSize, Epoch = 0, StepInEpoch = 0, Totals = new FitTotals(), BestLoss = double.PositiveInfinity, SinceBest = 0,
        Best = null, Epochs = [], TrainerState = state,
    };

    private static byte[] StateOf(Trainer trainer)
    {
        using var buffer = new MemoryStream();
        trainer.WriteState(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the weights (<c>checkpoint-STEP.onnx</c>), then the state to resume from (<c>checkpoint-STEP.state</c>), each atomically.</summary>
    private static void Checkpoint(Trainer trainer, FitSettings settings, FitCheckpoint position)
    {
        string folder = settings.CheckpointFolder!;
        Directory.CreateDirectory(folder);
        byte[] model = OnnxExporter.ToBytes(trainer.ToInferenceGraph());
        AtomicFile.Write(Path.Combine(folder, $"checkpoint-{trainer.Steps}.onnx"), s => s.Write(model));
        byte[] state = (position with { TrainerState = StateOf(trainer) }).ToBytes();
        AtomicFile.Write(FitCheckpoint.PathFor(folder, trainer.Steps), s => s.Write(state));
    }

    /// <summary>Early stopping's best weights, and their ONNX bytes when checkpoints need them.</summary>
    private sealed record Best(ModelGraph Graph, byte[]? Onnx);

    /// <summary>
    /// The gradient reducer of data-parallel training: this rank's gradients (a mean over its rows) times its rows,
    /// summed over the ranks and divided by all ranks' rows, which is the gradient of the whole batch; then the caller's reducer.
    /// </summary>
    private sealed class RankAverage(TrainingRanks ranks, GradientReducer? next)
    {
        private long _local, _total;

        public void Rows(long local, long total) => (_local, _total) = (local, total);

        public void Reduce(Span<float> gradients)
        {
            if (_local == 0) gradients.Clear();
            else
                foreach (ref float g in gradients) g *= _local;
            ranks.Sum(gradients);
            foreach (ref float g in gradients) g /= _total;
            next?.Invoke(gradients);
        }
    }
}
