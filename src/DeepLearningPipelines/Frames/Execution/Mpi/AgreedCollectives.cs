using System.Runtime.ExceptionServices;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// Collectives whose payloads are produced by code that may fail on some ranks: each payload travels with a status,
/// so every rank learns of any rank's failure in the same collective and fails too (the failing rank with its own
/// exception, the others with one naming the failed rank and its host), instead of waiting forever for it.
/// </summary>
internal sealed class AgreedCollectives(MpiCommunicator world)
{
    private const byte Ok = 1, Failed = 0;
    private readonly Lazy<string> _host = new(() => world.ProcessorName);

    public int Rank { get; } = world.Rank;
    public int Size { get; } = world.Size;

    /// <summary>Every rank's payload (<see cref="MpiCommunicator.Allgather"/>) after every rank produced its own.</summary>
    public byte[][] Allgather(Func<byte[]> produce)
    {
        var (mine, failure) = Produce(() => [produce()]);
        return Checked(world.Allgather(mine[0]), failure);
    }

    /// <summary>What each rank sent here (<see cref="MpiCommunicator.AllToAll"/>), after every rank produced one payload per rank.</summary>
    public byte[][] AllToAll(Func<byte[][]> produce)
    {
        var (mine, failure) = Produce(produce);
        return Checked(world.AllToAll(mine), failure);
    }

    /// <summary>The payload of <paramref name="root"/> on every rank; only the root's <paramref name="produce"/> runs.</summary>
    public byte[] Broadcast(Func<byte[]> produce, int root)
    {
        if (Rank != root) return Checked([world.Broadcast(null, root)], null, root)[0];
        var (mine, failure) = Produce(() => [produce()]);
        return Checked([world.Broadcast(mine[0], root)], failure, root)[0];
    }

    /// <summary>Fails every rank when any failed: the same check as the collectives', for a failure caught by the caller.</summary>
    public void Agree(Exception? failure) => Allgather(() =>
    {
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        return [];
    });

    /// <summary>Runs <paramref name="work"/> here, then fails every rank when it failed on any rank.</summary>
    public void Agree(Action work)
    {
        Exception? failure = null;
        try { work(); }
        catch (Exception e) { failure = e; }
        Agree(failure);
    }

    /// <summary>Element-wise sum over the ranks, in place (<see cref="MpiCommunicator.Allreduce{T}"/>); the values carry no status.</summary>
    public void AllreduceSum<T>(Span<T> values) where T : unmanaged => world.Allreduce(values, MpiOp.Sum);

    private (byte[][] Payloads, ExceptionDispatchInfo? Failure) Produce(Func<byte[][]> produce)
    {
        try
        {
            return (produce().Select(p => Prefixed(Ok, p)).ToArray(), null);
        }
        catch (Exception e)
        {
            var report = Prefixed(Failed, System.Text.Encoding.UTF8.GetBytes($"Rank {Rank} (host {_host.Value}) failed: {e.GetType().Name}: {e.Message}"));
            return (Enumerable.Repeat(report, Size).ToArray(), ExceptionDispatchInfo.Capture(e));
        }
    }

    private static byte[][] Checked(byte[][] received, ExceptionDispatchInfo? failure, int? from = null)
    {
        bool failed = failure is not null || received.Any(p => p.Length == 0 || p[0] == Failed);
        MpiWorld.FailedTogether = failed;
        failure?.Throw();
        foreach (var payload in received)
            if (payload.Length == 0 || payload[0] == Failed)
                throw new DlpException(payload.Length == 0
                    ? $"Rank {from} sent an empty message where a status was expected."
                    : System.Text.Encoding.UTF8.GetString(payload, 1, payload.Length - 1));
        return received.Select(p => p[1..]).ToArray();
    }

    private static byte[] Prefixed(byte status, byte[] payload)
    {
        var result = new byte[payload.Length + 1];
        result[0] = status;
        payload.CopyTo(result, 1);
        return result;
    }
}
