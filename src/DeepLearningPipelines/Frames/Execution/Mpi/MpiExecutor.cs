using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution.Wire;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// Runs plans SPMD over the ranks of an MPI job (<c>Master("mpi")</c>): every rank runs the same program and makes
/// the same calls; each rank runs its block of a plan's partitions on <see cref="Parallelism"/> local threads.
/// <see cref="Run{T}"/> gathers every partition's result to every rank; <see cref="Exchange"/> sends each output
/// partition's rows, as Arrow IPC, to the ranks that read it. Before any partition runs, the plan is prepared
/// (exchanges, broadcast sides and caches computed) in the same order on every rank, so collectives never start from
/// inside a partition. A failure on one rank fails the same call on every rank.
/// </summary>
internal sealed class MpiExecutor : IExecutor
{
    private readonly AgreedCollectives _world;
    private readonly ConditionalWeakTable<PlanContext, PartitionDemand> _demands = new();

    public MpiExecutor(MpiCommunicator world, int threadsPerRank)
    {
        _world = new AgreedCollectives(world);
        Parallelism = Math.Max(1, threadsPerRank);
    }

    public int Parallelism { get; }
    public int Participants => _world.Size;
    public int Index => _world.Rank;

    public T[] Run<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition)
    {
        var codec = WireCodec.For(typeof(T));
        var mine = Prepare(plan, context);
        var payloads = _world.Allgather(() =>
        {
            var results = RunLocal(plan, mine, context, perPartition);
            return Encode(w =>
            {
                w.Write(mine.Length);
                for (int i = 0; i < mine.Length; i++)
                {
                    w.Write(mine[i]);
                    codec.Write(w, results[i]);
                }
            });
        });
        var all = new T[plan.NumPartitions];
        foreach (var payload in payloads)
            Decode(payload, r =>
            {
                int count = r.ReadInt32();
                for (int i = 0; i < count; i++)
                {
                    int p = r.ReadInt32();
                    all[p] = (T)codec.Read(r)!;
                }
            });
        return all;
    }

    public T[] RunOwn<T>(Plan plan, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition)
    {
        var mine = Prepare(plan, context);
        T[] results = [];
        _world.Agree(() => results = RunLocal(plan, mine, context, perPartition));
        return results;
    }

    public void AllreduceSum<T>(Span<T> values) where T : unmanaged => _world.AllreduceSum(values);

    public void Agree(Action work) => _world.Agree(work);

    public IEnumerable<RowBatch> Stream(Plan plan, int partition, PlanContext context)
    {
        int owner = PartitionAssignment.Owners(plan, _world.Size)[partition];
        Prepare(plan, context); // asks for what all of this rank's partitions read: the caller streams the others in the same context

        var payload = _world.Broadcast(() => Encode(w => ArrowWire.Write(w, plan.Schema, plan.Execute(partition, context).ToList())), owner);
        List<RowBatch> batches = [];
        Decode(payload, r => batches = ArrowWire.Read(r, plan.Schema));
        return batches;
    }

    public IReadOnlyList<RowBatch>[] Exchange(ExchangePlan exchange, PlanContext context)
    {
        var (input, partitioning) = (exchange.Child, exchange.Partitioning);
        var mine = Prepare(input, context);
        int[] wanted = Demand(context).Of(exchange);
        List<RowBatch>[] partitions = [];
        // Phase 1: run this rank's input partitions; every rank learns what every rank reads and the routing summaries.
        var known = _world.Allgather(() =>
        {
            partitions = RunLocal(input, mine, context, (_, batches) => batches.ToList());
            return Encode(w =>
            {
                w.Write(wanted.Length);
                foreach (int t in wanted) w.Write(t);
                w.Write(mine.Length);
                for (int i = 0; i < mine.Length; i++)
                {
                    w.Write(mine[i]);
                    var summary = partitioning.Summarize(partitions[i], input.Schema);
                    w.Write(summary is not null);
                    if (summary is not null) ArrowWire.Write(w, summary.Count > 0 ? summary[0].Schema : new StructType(), summary);
                }
            });
        });
        var readers = new List<int>[partitioning.NumPartitions];
        var summaries = new IReadOnlyList<RowBatch>?[input.NumPartitions];
        for (int rank = 0; rank < known.Length; rank++)
            Decode(known[rank], r =>
            {
                int count = r.ReadInt32();
                for (int i = 0; i < count; i++) (readers[r.ReadInt32()] ??= []).Add(rank);
                count = r.ReadInt32();
                for (int i = 0; i < count; i++)
                {
                    int p = r.ReadInt32();
                    summaries[p] = r.ReadBoolean() ? ArrowWire.Read(r, null) : null;
                }
            });
        // Phase 2: route rows and send each target partition's pieces to the ranks that read it.
        var received = _world.AllToAll(() =>
        {
            var router = partitioning.Router(summaries, input.Schema);
            var pieces = new List<RowBatch>[mine.Length][];
            ParallelLoops.For(mine.Length, i => pieces[i] = ExchangeRouting.Split(partitions[i], mine[i], router, partitioning.NumPartitions), Parallelism, context.Cancellation);
            return Enumerable.Range(0, _world.Size).Select(rank => Encode(w =>
            {
                var sends = new List<(int Input, int Target, List<RowBatch> Batches)>();
                for (int i = 0; i < mine.Length; i++)
                    for (int t = 0; t < partitioning.NumPartitions; t++)
                        if (pieces[i][t].Count > 0 && readers[t] is { } ranks && ranks.Contains(rank)) sends.Add((mine[i], t, pieces[i][t]));
                w.Write(sends.Count);
                foreach (var (p, t, batches) in sends)
                {
                    w.Write(p);
                    w.Write(t);
                    ArrowWire.Write(w, input.Schema, batches);
                }
            })).ToArray();
        });
        var arrived = new List<(int Input, List<RowBatch> Batches)>?[partitioning.NumPartitions];
        foreach (int t in wanted) arrived[t] = [];
        foreach (var payload in received)
            Decode(payload, r =>
            {
                int count = r.ReadInt32();
                for (int i = 0; i < count; i++)
                {
                    int p = r.ReadInt32(), t = r.ReadInt32();
                    arrived[t]!.Add((p, ArrowWire.Read(r, input.Schema)));
                }
            });
        var output = new IReadOnlyList<RowBatch>[partitioning.NumPartitions];
        for (int t = 0; t < output.Length; t++)
            output[t] = arrived[t] is { } parts
                ? parts.OrderBy(x => x.Input).SelectMany(x => x.Batches).ToList()
                : new NotHeld(exchange, t, _world.Rank);
        return output;
    }

    public void Commit(Action<Action<string>> commit, Action<string> fill)
    {
        if (_world.Rank == 0)
        {
            Exception? failure = null;
            try
            {
                commit(folder =>
                {
                    _world.Broadcast(() => Encode(w => w.Write(folder)), 0);
                    Exception? local = null;
                    try { fill(folder); }
                    catch (Exception e) { local = e; }
                    _world.Agree(local); // every rank's parts are in place (or every rank fails) before the commit
                });
            }
            catch (Exception e) { failure = e; }
            // Ranks waiting for the folder learn that it will not come (the target is kept, or it failed); ranks that
            // wrote learn whether the commit succeeded.
            _world.Broadcast(() =>
            {
                if (failure is not null) ExceptionDispatchInfo.Throw(failure);
                return Encode(w => w.Write(""));
            }, 0);
            return;
        }
        string staging = "";
        Decode(_world.Broadcast(() => [], 0), r => staging = r.ReadString());
        if (staging.Length == 0) return;
        Exception? error = null;
        try { fill(staging); }
        catch (Exception e) { error = e; }
        try { _world.Agree(error); }
        catch (Exception e) { error ??= e; }
        _world.Broadcast(() => [], 0);
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>Records what this rank's partitions of <paramref name="plan"/> read, prepares the plan, and returns those partitions.</summary>
    private int[] Prepare(Plan plan, PlanContext context)
    {
        var mine = PartitionAssignment.Of(plan, _world.Rank, _world.Size);
        Demand(context).Add(plan, mine);
        plan.Prepare(context);
        return mine;
    }

    private PartitionDemand Demand(PlanContext context) => _demands.GetValue(context, _ => new PartitionDemand());

    private T[] RunLocal<T>(Plan plan, int[] partitions, PlanContext context, Func<int, IEnumerable<RowBatch>, T> perPartition)
    {
        var results = new T[partitions.Length];
        ParallelLoops.For(partitions.Length, i => results[i] = perPartition(partitions[i], plan.Execute(partitions[i], context)), Parallelism, context.Cancellation);
        return results;
    }

    private static byte[] Encode(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        return buffer.ToArray();
    }

    private static void Decode(byte[] payload, Action<BinaryReader> read)
    {
        using var reader = new BinaryReader(new MemoryStream(payload), System.Text.Encoding.UTF8);
        read(reader);
    }

    /// <summary>An exchanged partition this rank did not ask for: reading it is a planning error, reported as such.</summary>
    private sealed class NotHeld(ExchangePlan exchange, int partition, int rank) : IReadOnlyList<RowBatch>
    {
        public int Count => throw Error();
        public RowBatch this[int index] => throw Error();
        public IEnumerator<RowBatch> GetEnumerator() => throw Error();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private DlpException Error() => new(
            $"Rank {rank} read partition {partition} of '{exchange.Describe()}', which its plan did not say it reads (Plan.Reads), so no rank sent it here.");
    }
}
