using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// <c>MPI_COMM_WORLD</c> of Open MPI with typed collectives. MPI is initialised on first use (thread level
/// <c>MPI_THREAD_SERIALIZED</c>: calls may come from any thread, one at a time) and finalised at <see cref="Dispose"/>
/// when this instance initialised it. MPI can be initialised once per process, so use one instance per process.
/// Every collective must be called by every rank, in the same order. Errors are returned, not fatal: a failing call
/// raises a <see cref="DlpException"/> that names it.
/// </summary>
public sealed unsafe class MpiCommunicator : IDisposable
{
    private const int ThreadSerialized = 2;
    private readonly Lock _gate = new();
    private MpiLibrary? _mpi;
    private bool _ownsInit;
    private bool _disposed;
    private int _rank;
    private int _size;

    /// <summary>This process's rank in <c>MPI_COMM_WORLD</c>, 0 to <see cref="Size"/> − 1.</summary>
    public int Rank => World()._rank;

    /// <summary>The number of ranks in <c>MPI_COMM_WORLD</c>.</summary>
    public int Size => World()._size;

    /// <summary>The name of the host this rank runs on (<c>MPI_Get_processor_name</c>).</summary>
    public string ProcessorName
    {
        get
        {
            World();
            var name = stackalloc byte[MpiNative.MaxProcessorName];
            Check(MpiNative.GetProcessorName(name, out var length), "MPI_Get_processor_name");
            return Encoding.UTF8.GetString(name, length);
        }
    }

    /// <summary>Waits until every rank has called it (<c>MPI_Barrier</c>).</summary>
    public void Barrier()
    {
        var mpi = Library();
        Check(MpiNative.Barrier(mpi.CommWorld), "MPI_Barrier");
    }

    /// <summary>Reduces <paramref name="values"/> element-wise over all ranks, in place (<c>MPI_Allreduce</c> with <c>MPI_IN_PLACE</c>).</summary>
    /// <typeparam name="T">double, float, long or int.</typeparam>
    public void Allreduce<T>(Span<T> values, MpiOp op) where T : unmanaged
    {
        var mpi = Library();
        fixed (T* data = values)
            Check(MpiNative.Allreduce(MpiNative.InPlace, data, values.Length, mpi.Datatype<T>(), mpi.Op(op), mpi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>
    /// Gathers one byte array of any length from every rank to every rank (<c>MPI_Allgather</c> of the lengths, then
    /// <c>MPI_Allgatherv</c>); element <c>r</c> of the result is rank <c>r</c>'s array.
    /// </summary>
    public byte[][] Allgather(byte[] mine)
    {
        ArgumentNullException.ThrowIfNull(mine);
        var mpi = Library();
        var counts = new int[_size];
        int length = mine.Length;
        fixed (int* c = counts)
            Check(MpiNative.Allgather(&length, 1, mpi.Int, c, 1, mpi.Int, mpi.CommWorld), "MPI_Allgather");
        var displacements = Displacements(counts, "MPI_Allgatherv");
        var all = new byte[displacements[^1] + counts[^1]];
        fixed (byte* send = mine)
        fixed (byte* receive = all)
        fixed (int* c = counts)
        fixed (int* d = displacements)
            Check(MpiNative.Allgatherv(send, mine.Length, mpi.Byte, receive, c, d, mpi.Byte, mpi.CommWorld), "MPI_Allgatherv");
        return Split(all, counts, displacements);
    }

    /// <summary>
    /// Sends <paramref name="toEach"/>[<c>d</c>] to rank <c>d</c> and returns what each rank sent here, indexed by
    /// source rank (<c>MPI_Alltoall</c> of the lengths, then <c>MPI_Alltoallv</c>).
    /// </summary>
    public byte[][] AllToAll(byte[][] toEach)
    {
        ArgumentNullException.ThrowIfNull(toEach);
        var mpi = Library();
        if (toEach.Length != _size)
            throw new DlpException($"AllToAll needs one payload per rank: got {toEach.Length} for {_size} ranks.");
        var sendCounts = toEach.Select((p, d) => p?.Length ?? throw new DlpException($"AllToAll payload for rank {d} is null.")).ToArray();
        var receiveCounts = new int[_size];
        fixed (int* s = sendCounts)
        fixed (int* r = receiveCounts)
            Check(MpiNative.Alltoall(s, 1, mpi.Int, r, 1, mpi.Int, mpi.CommWorld), "MPI_Alltoall");
        var sendDisplacements = Displacements(sendCounts, "MPI_Alltoallv");
        var receiveDisplacements = Displacements(receiveCounts, "MPI_Alltoallv");
        var send = new byte[sendDisplacements[^1] + sendCounts[^1]];
        for (int d = 0; d < _size; d++) toEach[d].CopyTo(send, sendDisplacements[d]);
        var all = new byte[receiveDisplacements[^1] + receiveCounts[^1]];
        fixed (byte* sb = send)
        fixed (byte* rb = all)
        fixed (int* sc = sendCounts)
        fixed (int* sd = sendDisplacements)
        fixed (int* rc = receiveCounts)
        fixed (int* rd = receiveDisplacements)
            Check(MpiNative.Alltoallv(sb, sc, sd, mpi.Byte, rb, rc, rd, mpi.Byte, mpi.CommWorld), "MPI_Alltoallv");
        return Split(all, receiveCounts, receiveDisplacements);
    }

    /// <summary>
    /// Returns <paramref name="data"/> of rank <paramref name="root"/> on every rank (<c>MPI_Bcast</c> of the length,
    /// then of the bytes); other ranks may pass null.
    /// </summary>
    public byte[] Broadcast(byte[]? data, int root)
    {
        var mpi = Library();
        if ((uint)root >= (uint)_size) throw new DlpException($"Broadcast root {root} is not a rank of this {_size}-rank world.");
        if (_rank == root && data is null) throw new DlpException($"Broadcast root {root} passed no data.");
        int length = _rank == root ? data!.Length : 0;
        Check(MpiNative.Bcast(&length, 1, mpi.Int, root, mpi.CommWorld), "MPI_Bcast");
        var buffer = _rank == root ? data! : new byte[length];
        fixed (byte* b = buffer)
            Check(MpiNative.Bcast(b, length, mpi.Byte, root, mpi.CommWorld), "MPI_Bcast");
        return buffer;
    }

    /// <summary>Terminates every rank with <paramref name="errorCode"/> (<c>MPI_Abort</c>); for unrecoverable failures.</summary>
    public void Abort(int errorCode)
    {
        var mpi = Library();
        MpiNative.Abort(mpi.CommWorld, errorCode);
    }

    /// <summary>Finalises MPI (<c>MPI_Finalize</c>) if this instance initialised it; every rank must dispose.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_mpi is null || !_ownsInit) return;
            Check(MpiNative.Finalized(out var finalized), "MPI_Finalized");
            if (finalized == 0) Check(MpiNative.Finalize(), "MPI_Finalize");
        }
    }

    private MpiLibrary Library() => World()._mpi!;

    private MpiCommunicator World()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_mpi is not null) return this;
            var mpi = MpiLibrary.Get();
            Check(MpiNative.Finalized(out var finalized), "MPI_Finalized");
            if (finalized != 0) throw new DlpException("MPI was already finalised in this process and cannot be initialised again; use one MpiCommunicator per process.");
            Check(MpiNative.Initialized(out var initialized), "MPI_Initialized");
            if (initialized == 0)
            {
                Check(MpiNative.InitThread(null, null, ThreadSerialized, out _), "MPI_Init_thread");
                _ownsInit = true;
            }
            Check(MpiNative.CommSetErrhandler(mpi.CommWorld, mpi.ErrorsReturn), "MPI_Comm_set_errhandler");
            Check(MpiNative.CommRank(mpi.CommWorld, out _rank), "MPI_Comm_rank");
            Check(MpiNative.CommSize(mpi.CommWorld, out _size), "MPI_Comm_size");
            _mpi = mpi;
            return this;
        }
    }

    private static int[] Displacements(int[] counts, string call)
    {
        var displacements = new int[counts.Length];
        long offset = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            displacements[i] = (int)offset;
            offset += counts[i];
            if (offset > Array.MaxLength)
                throw new DlpException($"{call} would move {offset:N0}+ bytes in one call; MPI counts are 32-bit, so split the payload below {Array.MaxLength:N0} bytes.");
        }
        return displacements;
    }

    private static byte[][] Split(byte[] all, int[] counts, int[] displacements) =>
        counts.Select((c, i) => all.AsSpan(displacements[i], c).ToArray()).ToArray();

    private static void Check(int code, string call)
    {
        if (code == 0) return;
        var text = stackalloc byte[MpiNative.MaxErrorString];
        var message = MpiNative.ErrorString(code, text, out var length) == 0 ? Encoding.UTF8.GetString(text, length) : "unknown error";
        throw new DlpException($"{call} failed with MPI error {code}: {message}.");
    }
}
