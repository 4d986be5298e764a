using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>How a <see cref="Trainer"/> trains: loss, optimizer, which parameters, clipping, seed, threads and the gradient hook.</summary>
public sealed class TrainerOptions
{
    /// <summary>The loss to minimise.</summary>
    public required LossKind Loss { get; init; }

    /// <summary>The optimizer (its schedule sets the rate per step).</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>The graph output the loss reads (default: the first output).</summary>
    public string? Output { get; init; }

    /// <summary>Seed of the Dropout masks: the same seed, data and thread count give bit-identical weights.</summary>
    public int Seed { get; init; }

    /// <summary>Initializers whose names start with one of these prefixes are frozen (not trained).</summary>
    public IReadOnlyList<string> FrozenPrefixes { get; init; } = [];

    /// <summary>
    /// Fine-tuning: the name of a node; every initializer read only by nodes before it (in topological order) is
    /// frozen, so the node and everything after it train. A BatchNormalization whose scale and bias are frozen runs
    /// on its running statistics and leaves them unchanged (Keras' rule for frozen layers).
    /// </summary>
    public string? FineTuneFrom { get; init; }

    /// <summary>When set, gradients are scaled so that their global L2 norm is at most this value (after <see cref="GradientReducer"/>).</summary>
    public float? ClipGradientNorm { get; init; }

    /// <summary>Called with the fused gradient buffer between the backward pass and the update (data-parallel allreduce).</summary>
    public GradientReducer? GradientReducer { get; init; }

    /// <summary>Threads the kernels use (default: <see cref="Execution.Cpu.CpuBackend.MaxThreads"/>).</summary>
    public int? Threads { get; init; }

    /// <summary>A copy with <paramref name="reducer"/>, <paramref name="seed"/> and <paramref name="threads"/> in place of this one's.</summary>
    internal TrainerOptions With(GradientReducer? reducer, int seed, int? threads) => new()
    {
        Loss = Loss, Optimizer = Optimizer, Output = Output, Seed = seed, FrozenPrefixes = FrozenPrefixes, FineTuneFrom = FineTuneFrom,
        ClipGradientNorm = ClipGradientNorm, GradientReducer = reducer, Threads = threads,
    };
}
