using System.Reflection;
using System.Runtime.InteropServices;

namespace DeepLearningPipelines.Nn.Hdf5;

/// <summary>
/// P/Invoke declarations for the subset of the HDF5 C library (1.10 or later: 64-bit <c>hid_t</c>) that Keras files
/// need: reading, and writing groups, string attributes and float datasets. The library is found by <see cref="Resolve"/>: <c>DLP_HDF5_LIBRARY</c> if set, else the usual names
/// (Debian's <c>libhdf5_serial.so.103</c> from package <c>libhdf5-103-1</c>, <c>libhdf5.so</c>, <c>hdf5.dll</c>, <c>libhdf5.dylib</c>).
/// Distribution builds are not thread-safe: every call is made while holding <see cref="Sync"/>.
/// </summary>
internal static partial class Hdf5Native
{
    private const string Library = "hdf5";
    public const long Default = 0;            // H5P_DEFAULT, H5S_ALL, H5E_DEFAULT
    public const uint ReadOnly = 0;           // H5F_ACC_RDONLY
    public const uint Truncate = 2;           // H5F_ACC_TRUNC
    public const int ScalarSpace = 0;         // H5S_SCALAR
    public const int NullPadded = 1;          // H5T_STR_NULLPAD, as numpy's fixed-length bytes
    public const int Utf8 = 1;                // H5T_CSET_UTF8
    public const int LibraryVersion18 = 1;    // H5F_LIBVER_V18: attributes over 64 KiB are allowed (dense storage)
    public const int LibraryVersionLatest = 2;

    private static readonly string[] Candidates =
    [
        "libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5_serial.so", "libhdf5.so", "libhdf5.so.310", "libhdf5.so.200", "hdf5.dll", "libhdf5.dylib",
    ];

    private static readonly Lazy<long> NativeFloatType = new(LoadTypes);
    private static readonly Lazy<(long FileAccess, long CString, long Float32)> WriteTypes = new(() =>
    {
        _ = NativeFloat;
        nint library = Resolve();
        long Global(string name) => Marshal.ReadInt64(NativeLibrary.GetExport(library, name));
        return (Global("H5P_CLS_FILE_ACCESS_ID_g"), Global("H5T_C_S1_g"), Global("H5T_IEEE_F32LE_g"));
    });

    /// <summary>Held around every HDF5 call (a Monitor, so re-entrant).</summary>
    public static readonly object Sync = new();

    static Hdf5Native() => NativeLibrary.SetDllImportResolver(typeof(Hdf5Native).Assembly, (name, assembly, path) => name == Library ? Resolve() : 0);

    /// <summary>H5T_NATIVE_FLOAT; the first use loads and initialises the library.</summary>
    public static long NativeFloat => NativeFloatType.Value;

    /// <summary>H5P_FILE_ACCESS, the class of file-access property lists.</summary>
    public static long FileAccessClass => WriteTypes.Value.FileAccess;

    /// <summary>H5T_C_S1, the base of fixed-length string types.</summary>
    public static long CString => WriteTypes.Value.CString;

    /// <summary>H5T_IEEE_F32LE, the stored type of float datasets.</summary>
    public static long Float32LittleEndian => WriteTypes.Value.Float32;

    /// <summary>Loads the HDF5 library; throws <see cref="DllNotFoundException"/> naming what was tried.</summary>
    public static nint Resolve()
    {
        string? configured = Environment.GetEnvironmentVariable("DLP_HDF5_LIBRARY");
        foreach (var candidate in configured is { Length: > 0 } ? [configured] : Candidates)
            if (NativeLibrary.TryLoad(candidate, typeof(Hdf5Native).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.System32, out var handle)
                || NativeLibrary.TryLoad(candidate, out handle))
                return handle;
        throw new DllNotFoundException(
            $"The HDF5 C library was not found (tried {(configured is { Length: > 0 } ? configured : string.Join(", ", Candidates))}). "
            + "Install it (Debian/Ubuntu: apt-get install libhdf5-103-1) or set DLP_HDF5_LIBRARY to its path.");
    }

    private static long LoadTypes()
    {
        lock (Sync)
        {
            nint library = Resolve();
            if (H5open() < 0) throw new InvalidOperationException("H5open failed.");
            H5Eset_auto2(Default, 0, 0); // errors are reported through return values, not printed
            return Marshal.ReadInt64(NativeLibrary.GetExport(library, "H5T_NATIVE_FLOAT_g"));
        }
    }

    [LibraryImport(Library)] public static partial int H5open();
    [LibraryImport(Library)] public static partial int H5Eset_auto2(long stack, nint func, nint clientData);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fopen(string name, uint flags, long fapl);
    [LibraryImport(Library)] public static partial int H5Fclose(long id);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gopen2(long loc, string name, long gapl);
    [LibraryImport(Library)] public static partial int H5Gclose(long id);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Lexists(long loc, string name, long lapl);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial int H5Aexists(long obj, string name);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Aopen(long obj, string name, long aapl);
    [LibraryImport(Library)] public static partial long H5Aget_type(long attr);
    [LibraryImport(Library)] public static partial long H5Aget_space(long attr);
    [LibraryImport(Library)] public static unsafe partial int H5Aread(long attr, long memType, void* buffer);
    [LibraryImport(Library)] public static partial int H5Aclose(long id);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dopen2(long loc, string name, long dapl);
    [LibraryImport(Library)] public static partial long H5Dget_space(long dataset);
    [LibraryImport(Library)] public static partial ulong H5Dget_storage_size(long dataset);
    [LibraryImport(Library)] public static unsafe partial int H5Dread(long dataset, long memType, long memSpace, long fileSpace, long xfer, void* buffer);
    [LibraryImport(Library)] public static partial int H5Dclose(long id);
    [LibraryImport(Library)] public static partial int H5Sget_simple_extent_ndims(long space);
    [LibraryImport(Library)] public static unsafe partial int H5Sget_simple_extent_dims(long space, ulong* dims, ulong* maxDims);
    [LibraryImport(Library)] public static partial long H5Sget_simple_extent_npoints(long space);
    [LibraryImport(Library)] public static partial int H5Sclose(long id);
    [LibraryImport(Library)] public static partial int H5Tget_class(long type);
    [LibraryImport(Library)] public static partial nuint H5Tget_size(long type);
    [LibraryImport(Library)] public static partial int H5Tis_variable_str(long type);
    [LibraryImport(Library)] public static partial int H5Tclose(long id);
    [LibraryImport(Library)] public static partial int H5free_memory(nint buffer);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Fcreate(string name, uint flags, long fcpl, long fapl);
    [LibraryImport(Library)] public static partial long H5Pcreate(long cls);
    [LibraryImport(Library)] public static partial int H5Pset_libver_bounds(long fapl, int low, int high);
    [LibraryImport(Library)] public static partial int H5Pclose(long id);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Gcreate2(long loc, string name, long lcpl, long gcpl, long gapl);
    [LibraryImport(Library)] public static partial long H5Screate(int type);
    [LibraryImport(Library)] public static unsafe partial long H5Screate_simple(int rank, ulong* dims, ulong* maxDims);
    [LibraryImport(Library)] public static partial long H5Tcopy(long type);
    [LibraryImport(Library)] public static partial int H5Tset_size(long type, nuint size);
    [LibraryImport(Library)] public static partial int H5Tset_strpad(long type, int pad);
    [LibraryImport(Library)] public static partial int H5Tset_cset(long type, int cset);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Acreate2(long loc, string name, long type, long space, long acpl, long aapl);
    [LibraryImport(Library)] public static unsafe partial int H5Awrite(long attr, long memType, void* buffer);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] public static partial long H5Dcreate2(long loc, string name, long type, long space, long lcpl, long dcpl, long dapl);
    [LibraryImport(Library)] public static unsafe partial int H5Dwrite(long dataset, long memType, long memSpace, long fileSpace, long xfer, void* buffer);

    /// <summary>H5T_STRING, the class of string types.</summary>
    public const int StringClass = 3;
}
