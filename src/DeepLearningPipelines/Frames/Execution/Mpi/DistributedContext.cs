namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// What a function run by <see cref="MpiRunner"/> gets on each rank (Horovod's <c>hvd</c>): its rank and the number
/// of ranks, the session (whose DataFrame actions and <see cref="Vision.Training.NetworkFitter"/> span the ranks), and
/// the collectives. Every rank must call each collective, in the same order.
/// </summary>
public sealed class DistributedContext
{
    private readonly MpiCommunicator _world;

    internal DistributedContext(DlpSession session, MpiCommunicator world) => (Session, _world) = (session, world);

    /// <summary>This rank, 0 to <see cref="Size"/> − 1 (Horovod's <c>hvd.rank()</c>).</summary>
    public int Rank => _world.Rank;

    /// <summary>The number of ranks (<c>hvd.size()</c>).</summary>
    public int Size => _world.Size;

    /// <summary>The session over every rank (<c>Master("mpi")</c>).</summary>
    public DlpSession Session { get; }

    /// <summary>Sums <paramref name="values"/> over the ranks, in place (<c>hvd.allreduce</c> with <c>op=Sum</c>); double, float, long or int.</summary>
    public void AllreduceSum<T>(Span<T> values) where T : unmanaged => _world.Allreduce(values, MpiOp.Sum);

    /// <summary>Rank <paramref name="root"/>'s <paramref name="data"/> on every rank (<c>hvd.broadcast</c>); the other ranks pass null.</summary>
    public byte[] Broadcast(byte[]? data, int root = 0) => _world.Broadcast(data, root);

    /// <summary>Waits until every rank has called it.</summary>
    public void Barrier() => _world.Barrier();
}
