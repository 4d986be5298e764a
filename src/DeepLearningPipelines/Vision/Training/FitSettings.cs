using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>How <see cref="NetworkFitter"/> runs: batch size, epochs, early stopping, checkpoints and resuming, and the ranks that train together (shuffling and seeds belong to the batch sources and the trainer).</summary>
public sealed record FitSettings
{
    /// <summary>Examples per optimizer step, over all ranks (each rank takes <c>BatchSize / ranks</c>).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Stop after this many epochs without a lower validation loss (training loss without validation) and keep the best epoch's weights; 0: never.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Write the weights every this many steps to <see cref="CheckpointFolder"/>; 0: never.</summary>
    public int CheckpointEverySteps { get; init; }

    /// <summary>Where checkpoints go: the weights (<c>checkpoint-STEP.onnx</c>) and the state to resume from (<c>checkpoint-STEP.state</c>).</summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Continue from the latest checkpoint in <see cref="CheckpointFolder"/> (none there: start from the beginning).</summary>
    public bool Resume { get; init; }

    /// <summary>
    /// The session whose ranks train together: with more than one (<c>Master("mpi")</c>, under <c>mpirun</c>) each
    /// rank trains on its share of every batch and the gradients are averaged over the ranks (data-parallel); null or
    /// one rank: this process alone.
    /// </summary>
    public DlpSession? Session { get; init; }

    /// <summary>Fails with a <see cref="ParamException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new ParamException($"Batch size must be at least 1, got {BatchSize}.");
        if (Epochs < 1) throw new ParamException($"Epochs must be at least 1, got {Epochs}.");
        if (EarlyStoppingPatience < 0) throw new ParamException($"Early-stopping patience must be 0 or more, got {EarlyStoppingPatience}.");
        if (CheckpointEverySteps < 0) throw new ParamException($"Checkpoint interval must be 0 or more steps, got {CheckpointEverySteps}.");
        if (CheckpointEverySteps > 0 && string.IsNullOrEmpty(CheckpointFolder))
            throw new ParamException($"Checkpoints every {CheckpointEverySteps} steps need a checkpoint folder.");
        if (Resume && string.IsNullOrEmpty(CheckpointFolder)) throw new ParamException("Resuming needs the checkpoint folder to resume from.");
        int ranks = Session?.RankCount ?? 1;
        if (BatchSize % ranks != 0)
            throw new ParamException($"Batch size {BatchSize} is not a multiple of the {ranks} ranks; each rank takes batch size / ranks examples per step, so use a multiple of {ranks}.");
    }
}
