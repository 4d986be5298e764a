using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Mpi;

/// <summary>
/// Loads <c>libmpi.so.40</c> once and resolves Open MPI's predefined handles, which are exported globals whose
/// addresses are the handle values (<c>MPI_COMM_WORLD</c> is <c>&amp;ompi_mpi_comm_world</c>, and so on).
/// </summary>
internal sealed class MpiLibrary
{
    private static readonly Lazy<MpiLibrary> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private MpiLibrary(nint handle)
    {
        CommWorld = Export(handle, "ompi_mpi_comm_world");
        ErrorsReturn = Export(handle, "ompi_mpi_errors_return");
        Byte = Export(handle, "ompi_mpi_byte");
        Int = Export(handle, "ompi_mpi_int");
        Long = Export(handle, "ompi_mpi_long");
        Float = Export(handle, "ompi_mpi_float");
        Double = Export(handle, "ompi_mpi_double");
        Sum = Export(handle, "ompi_mpi_op_sum");
        Max = Export(handle, "ompi_mpi_op_max");
        Min = Export(handle, "ompi_mpi_op_min");
    }

    /// <summary>The loaded library; throws a <see cref="DlpException"/> saying what to install when it is missing.</summary>
    public static MpiLibrary Get() => Instance.Value;

    public nint CommWorld { get; }
    public nint ErrorsReturn { get; }
    public nint Byte { get; }
    public nint Int { get; }
    public nint Long { get; }
    public nint Float { get; }
    public nint Double { get; }
    public nint Sum { get; }
    public nint Max { get; }
    public nint Min { get; }

    /// <summary>The <c>MPI_Op</c> handle of <paramref name="op"/>.</summary>
    public nint Op(MpiOp op) => op switch
    {
        MpiOp.Sum => Sum,
        MpiOp.Max => Max,
        MpiOp.Min => Min,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown MPI reduction."),
    };

    /// <summary>The <c>MPI_Datatype</c> handle of <typeparamref name="T"/> (double, float, long or int).</summary>
    public nint Datatype<T>() where T : unmanaged =>
        typeof(T) == typeof(double) ? Double
        : typeof(T) == typeof(float) ? Float
        : typeof(T) == typeof(long) ? Long
        : typeof(T) == typeof(int) ? Int
        : throw new DlpException($"MPI reductions support double, float, long and int, not {typeof(T).Name}.");

    private static MpiLibrary Load()
    {
        if (!OperatingSystem.IsLinux())
            throw new DlpException($"The MPI executor needs Open MPI on Linux ({MpiNative.Library}); this is {RuntimeInformation.OSDescription}.");
        if (!NativeLibrary.TryLoad(MpiNative.Library, typeof(MpiLibrary).Assembly, null, out var handle))
            throw new DlpException($"Cannot load {MpiNative.Library} (Open MPI 4.x). Install it with 'apt-get install openmpi-bin libopenmpi-dev', or put its folder on LD_LIBRARY_PATH.");
        return new MpiLibrary(handle);
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? address
            : throw new DlpException($"{MpiNative.Library} does not export '{name}': it is not Open MPI 4.x (MPICH and others name their handles differently).");
}
