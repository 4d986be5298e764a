using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Execution.Mpi;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>The ranks of a session that train one network together, and the collectives the fit loop needs; one rank without a session.</summary>
internal sealed class TrainingRanks
{
    private readonly DlpSession? _session;

    private TrainingRanks(DlpSession? session) => _session = session;

    /// <summary>The ranks of <paramref name="session"/> (null: this process alone).</summary>
    public static TrainingRanks Of(DlpSession? session) => new(session);

    /// <summary>This process's rank; rank 0 reports progress and writes checkpoints.</summary>
    public int Rank => _session?.Rank ?? 0;

    /// <summary>The number of ranks.</summary>
    public int Count => _session?.RankCount ?? 1;

    /// <summary>Kernel threads per rank when several ranks share the job (null: the trainer's default).</summary>
    public int? Threads => Count > 1 ? _session!.LocalParallelism : null;

    /// <summary>Sums over the ranks, in place.</summary>
    public void Sum(Span<double> values) => _session?.AllreduceSum(values);

    /// <inheritdoc cref="Sum(Span{double})"/>
    public void Sum(Span<float> values) => _session?.AllreduceSum(values);

    /// <summary>Rank 0's <paramref name="bytes"/> on every rank (others pass null).</summary>
    public byte[] FromRankZero(byte[]? bytes) => Count == 1 ? bytes! : MpiWorld.Communicator.Broadcast(bytes, 0);
}
