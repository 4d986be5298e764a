using System.Globalization;
using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Where <see cref="NetworkFitter"/> stood after a step, with the trainer's state (<see cref="Nn.Training.Trainer.WriteState"/>):
/// the epoch and the steps done in it, the epoch's running totals, early stopping's best loss and weights, and the
/// finished epochs. Saved as <c>checkpoint-STEP.state</c> beside <c>checkpoint-STEP.onnx</c>. The data order and
/// Dropout masks are functions of the seed, the epoch and the step, so this is all a resumed run needs.
/// </summary>
internal sealed record FitCheckpoint
{
    private static readonly byte[] Magic = "DLPFIT01"u8.ToArray();

    public required int BatchSize { get; init; }
    public required int Epoch { get; init; }
    public required long StepInEpoch { get; init; }
    public required FitTotals Totals { get; init; }
    public required double BestLoss { get; init; }
    public required int SinceBest { get; init; }

    /// <summary>Early stopping's best weights so far, as ONNX bytes (null: none yet).</summary>
    public required byte[]? Best { get; init; }

    public required IReadOnlyList<EpochSummary> Epochs { get; init; }
    public required byte[] TrainerState { get; init; }

    /// <summary>The state file of the checkpoint after step <paramref name="step"/>.</summary>
    public static string PathFor(string folder, long step) => Path.Combine(folder, $"checkpoint-{step}.state");

    /// <summary>The state file of the latest checkpoint in <paramref name="folder"/>, or null when it holds none.</summary>
    public static string? Latest(string folder) =>
        !Directory.Exists(folder) ? null
        : Directory.EnumerateFiles(folder, "checkpoint-*.state")
            .Select(f => (Path: f, Step: long.TryParse(Path.GetFileNameWithoutExtension(f)["checkpoint-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1))
            .Where(c => c.Step >= 0).OrderByDescending(c => c.Step).Select(c => c.Path).FirstOrDefault();

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(BatchSize);
            w.Write(Epoch);
            w.Write(StepInEpoch);
            w.Write(Totals.LossSum);
            w.Write(Totals.Correct);
            w.Write(Totals.Count);
            w.Write(Totals.HasAccuracy);
            w.Write(BestLoss);
            w.Write(SinceBest);
            w.Write(Best?.Length ?? -1);
            if (Best is not null) w.Write(Best);
            w.Write(Epochs.Count);
            foreach (var e in Epochs)
            {
                w.Write(e.Epoch);
                w.Write(e.Loss);
                WriteOptional(w, e.Accuracy);
                WriteOptional(w, e.ValidationLoss);
                WriteOptional(w, e.ValidationAccuracy);
                w.Write(e.Seconds);
                w.Write(e.ImagesPerSecond);
            }
            w.Write(TrainerState.Length);
            w.Write(TrainerState);
        }
        return buffer.ToArray();
    }

    /// <summary>Reads a checkpoint written by <see cref="ToBytes"/>; <paramref name="source"/> names it in errors.</summary>
    public static FitCheckpoint FromBytes(byte[] bytes, string source)
    {
        using var r = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            if (!r.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new PersistenceException($"Checkpoint {source} is not a training checkpoint (no DLPFIT01 header).");
            int batchSize = r.ReadInt32(), epoch = r.ReadInt32();
            long stepInEpoch = r.ReadInt64();
            var totals = new FitTotals { LossSum = r.ReadDouble(), Correct = r.ReadDouble(), Count = r.ReadInt64(), HasAccuracy = r.ReadBoolean() };
            double bestLoss = r.ReadDouble();
            int sinceBest = r.ReadInt32(), bestLength = r.ReadInt32();
            byte[]? best = bestLength < 0 ? null : r.ReadBytes(bestLength);
            var epochs = new EpochSummary[r.ReadInt32()];
            for (int i = 0; i < epochs.Length; i++)
                epochs[i] = new EpochSummary(r.ReadInt32(), r.ReadDouble(), ReadOptional(r), ReadOptional(r), ReadOptional(r), r.ReadDouble(), r.ReadDouble());
            var state = r.ReadBytes(r.ReadInt32());
            return new FitCheckpoint
            {
                BatchSize = batchSize, Epoch = epoch, StepInEpoch = stepInEpoch, Totals = totals, BestLoss = bestLoss, SinceBest = sinceBest,
                Best = best, Epochs = epochs, TrainerState = state,
            };
        }
        catch (EndOfStreamException e)
        {
            throw new PersistenceException($"Checkpoint {source} is truncated.", e);
        }
    }

    private static void WriteOptional(BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        w.Write(value ?? 0);
    }

    private static double? ReadOptional(BinaryReader r)
    {
        bool has = r.ReadBoolean();
        double value = r.ReadDouble();
        return has ? value : null;
    }
}
