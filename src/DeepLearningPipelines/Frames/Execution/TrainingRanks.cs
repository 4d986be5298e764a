using DeepLearningPipelines.Frames.Execution.Mpi;

namespace DeepLearningPipelines.Frames.Execution;

/// <summary>
/// The ranks that fit one model together, each on its share of the rows (Spark's <c>treeAggregate</c>: combine
/// locally, then sum over ranks): the learners and the network fitter pass every statistic they derive from the rows
/// through <see cref="Sum(Span{double})"/>, so every rank sees the totals, takes the same optimizer steps and ends with
/// the same model. In one process (<see cref="Single"/>) nothing crosses and every method leaves its input as it is.
/// </summary>
internal sealed class TrainingRanks
{
    private readonly DlpSession? _session;

    private TrainingRanks(DlpSession? session) => _session = session;

    /// <summary>One process holding every row.</summary>
    public static TrainingRanks Single { get; } = new(null);

    /// <summary>The ranks of <paramref name="session"/>'s job (<see cref="Single"/> without a session or outside MPI).</summary>
    public static TrainingRanks Of(DlpSession? session) => session is { RankCount: > 1 } ? new(session) : Single;

    /// <summary>Whether the rows are spread over more than one rank.</summary>
    public bool IsDistributed => _session is not null;

    /// <summary>This process's rank; rank 0 reports progress and writes checkpoints.</summary>
    public int Rank => _session?.Rank ?? 0;

    /// <summary>The number of ranks.</summary>
    public int Count => _session?.RankCount ?? 1;

    /// <summary>Kernel threads per rank when several ranks share the job (null: the trainer's default).</summary>
    public int? Threads => _session?.LocalParallelism;

    /// <summary>Sums <paramref name="values"/> element-wise over the ranks, in place.</summary>
    public void Sum(Span<double> values) => _session?.AllreduceSum(values);

    /// <inheritdoc cref="Sum(Span{double})"/>
    public void Sum(Span<float> values) => _session?.AllreduceSum(values);

    /// <summary>The sum of <paramref name="value"/> over the ranks.</summary>
    public double Sum(double value)
    {
        Span<double> one = [value];
        Sum(one);
        return one[0];
    }

    /// <summary>
    /// Sums <paramref name="values"/> (in place) and <paramref name="value"/> over the ranks in one message, through
    /// <paramref name="buffer"/> of <paramref name="values"/>.Length + 1 elements; returns the sum of <paramref name="value"/>.
    /// </summary>
    public double Sum(double value, Span<double> values, double[] buffer)
    {
        if (_session is null) return value;
        values.CopyTo(buffer);
        buffer[^1] = value;
        _session.AllreduceSum(buffer.AsSpan());
        buffer.AsSpan(0, values.Length).CopyTo(values);
        return buffer[^1];
    }

    /// <summary>Every rank's <paramref name="value"/>, indexed by rank (each rank fills its own slot of a summed vector).</summary>
    public double[] Gather(double value)
    {
        if (_session is null) return [value];
        var slots = new double[_session.RankCount];
        slots[_session.Rank] = value;
        _session.AllreduceSum(slots.AsSpan());
        return slots;
    }

    /// <summary>
    /// The sum of <paramref name="rows"/> over the ranks before this one: the number of this rank's first row in the
    /// whole data set, since ranks own contiguous blocks of partitions in partition order.
    /// </summary>
    public int RowsBefore(int rows) => _session is null ? 0 : (int)Gather(rows)[.._session.Rank].Sum();

    /// <summary>
    /// Runs <paramref name="check"/> (validation of this rank's own rows) and fails every rank when it failed on any,
    /// the failing rank with its own exception and the others with one naming that rank and its message.
    /// </summary>
    public void Agree(Action check)
    {
        if (_session is null) check();
        else _session.Agree(check);
    }

    /// <summary>Rank 0's <paramref name="bytes"/> on every rank (others pass null).</summary>
    public byte[] FromRankZero(byte[]? bytes) => _session is null ? bytes! : MpiWorld.Communicator.Broadcast(bytes, 0);
}
