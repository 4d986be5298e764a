using System.Runtime.InteropServices;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// The MPI C functions this library calls, bound to Open MPI's <c>libmpi.so.40</c>. Handles (<c>MPI_Comm</c>,
/// <c>MPI_Datatype</c>, <c>MPI_Op</c>, <c>MPI_Errhandler</c>) are pointers; see <see cref="MpiLibrary"/> for where they come from.
/// Every function returns an MPI error code (0 is <c>MPI_SUCCESS</c>).
/// </summary>
internal static unsafe partial class MpiNative
{
    /// <summary>The Open MPI 4.x shared library (Debian's <c>libopenmpi3</c>).</summary>
    public const string Library = "libmpi.so.40";

    /// <summary>Open MPI's <c>MPI_IN_PLACE</c>.</summary>
    public static readonly void* InPlace = (void*)1;

    /// <summary><c>MPI_MAX_PROCESSOR_NAME</c> in Open MPI.</summary>
    public const int MaxProcessorName = 256;

    /// <summary><c>MPI_MAX_ERROR_STRING</c> in Open MPI.</summary>
    public const int MaxErrorString = 256;

    [LibraryImport(Library, EntryPoint = "MPI_Init_thread")]
    public static partial int InitThread(int* argc, byte*** argv, int required, out int provided);

    [LibraryImport(Library, EntryPoint = "MPI_Finalize")]
    public static partial int Finalize();

    [LibraryImport(Library, EntryPoint = "MPI_Initialized")]
    public static partial int Initialized(out int flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalized")]
    public static partial int Finalized(out int flag);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(nint comm, out int rank);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(nint comm, out int size);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_set_errhandler")]
    public static partial int CommSetErrhandler(nint comm, nint errhandler);

    [LibraryImport(Library, EntryPoint = "MPI_Barrier")]
    public static partial int Barrier(nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Bcast")]
    public static partial int Bcast(void* buffer, int count, nint datatype, int root, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Allreduce")]
    public static partial int Allreduce(void* sendbuf, void* recvbuf, int count, nint datatype, nint op, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Allgather")]
    public static partial int Allgather(void* sendbuf, int sendcount, nint sendtype, void* recvbuf, int recvcount, nint recvtype, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Allgatherv")]
    public static partial int Allgatherv(void* sendbuf, int sendcount, nint sendtype, void* recvbuf, int* recvcounts, int* displs, nint recvtype, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Alltoall")]
    public static partial int Alltoall(void* sendbuf, int sendcount, nint sendtype, void* recvbuf, int recvcount, nint recvtype, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Alltoallv")]
    public static partial int Alltoallv(void* sendbuf, int* sendcounts, int* sdispls, nint sendtype, void* recvbuf, int* recvcounts, int* rdispls, nint recvtype, nint comm);

    [LibraryImport(Library, EntryPoint = "MPI_Abort")]
    public static partial int Abort(nint comm, int errorcode);

    [LibraryImport(Library, EntryPoint = "MPI_Get_processor_name")]
    public static partial int GetProcessorName(byte* name, out int resultlen);

    [LibraryImport(Library, EntryPoint = "MPI_Error_string")]
    public static partial int ErrorString(int errorcode, byte* text, out int resultlen);
}
