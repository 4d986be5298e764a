using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// The ranks that each hold a share of the training rows (Spark's <c>treeAggregate</c>: combine locally, then sum
/// over ranks): every statistic a solver derives from the rows goes through <see cref="Sum(Span{double})"/>, so every
/// rank sees the totals, takes the same optimizer steps and ends with the same model. In one process there is nothing
/// to combine and every method leaves its input as it is.
/// </summary>
internal sealed class TrainingRanks
{
    private readonly DlpSession? _session;

    private TrainingRanks(DlpSession? session) => _session = session is { RankCount: > 1 } ? session : null;

    /// <summary>One process holding every row.</summary>
    public static TrainingRanks Single { get; } = new(null);

    /// <summary>The ranks of <paramref name="session"/>'s job (<see cref="Single"/> unless it runs under MPI).</summary>
    public static TrainingRanks Of(DlpSession session) => session.RankCount > 1 ? new(session) : Single;

    /// <summary>Whether the rows are spread over more than one rank.</summary>
    public bool IsDistributed => _session is not null;

    /// <summary>Sums <paramref name="values"/> element-wise over the ranks, in place.</summary>
    public void Sum(Span<double> values) => _session?.AllreduceSum(values);

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
}
