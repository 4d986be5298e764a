using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>How <see cref="NetworkFitter"/> runs: batch size, epochs, early stopping and checkpoints (shuffling and seeds belong to the batch sources and the trainer).</summary>
public sealed record FitSettings
{
    /// <summary>Examples per optimizer step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Stop after this many epochs without a lower validation loss (training loss without validation) and keep the best epoch's weights; 0: never.</summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Write the weights every this many steps to <see cref="CheckpointFolder"/>; 0: never.</summary>
    public int CheckpointEverySteps { get; init; }

    /// <summary>Where checkpoints (<c>checkpoint-STEP.onnx</c>) go.</summary>
    public string? CheckpointFolder { get; init; }

    /// <summary>Fails with a <see cref="ParamException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (BatchSize < 1) throw new ParamException($"Batch size must be at least 1, got {BatchSize}.");
        if (Epochs < 1) throw new ParamException($"Epochs must be at least 1, got {Epochs}.");
        if (EarlyStoppingPatience < 0) throw new ParamException($"Early-stopping patience must be 0 or more, got {EarlyStoppingPatience}.");
        if (CheckpointEverySteps < 0) throw new ParamException($"Checkpoint interval must be 0 or more steps, got {CheckpointEverySteps}.");
        if (CheckpointEverySteps > 0 && string.IsNullOrEmpty(CheckpointFolder))
            throw new ParamException($"Checkpoints every {CheckpointEverySteps} steps need a checkpoint folder.");
    }
}
