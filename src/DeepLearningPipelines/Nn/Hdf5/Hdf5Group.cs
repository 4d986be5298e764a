using System.Runtime.InteropServices;
using System.Text;

namespace DeepLearningPipelines.Nn.Hdf5;

/// <summary>
/// A group of an HDF5 file (the root group for <see cref="Hdf5File"/>): read its string attributes, open sub-groups and
/// read float datasets; in a file made by <see cref="Hdf5File.Create"/>, also create them (Hdf5Group.Write.cs).
/// Disposing closes the group.
/// </summary>
public partial class Hdf5Group : IDisposable
{
    private readonly Hdf5Handle _handle;

    private protected Hdf5Group(Hdf5Handle handle, string path) => (_handle, Path) = (handle, path);

    /// <summary>Path of the group inside the file, e.g. <c>/model_weights/conv1</c>.</summary>
    public string Path { get; }

    /// <summary>True when a link named <paramref name="name"/> (a relative path) exists.</summary>
    public bool Contains(string name)
    {
        lock (Hdf5Native.Sync) return ContainsPath(name);
    }

    private bool ContainsPath(string name)
    {
        // H5Lexists checks one path component at a time: every prefix must exist.
        string prefix = "";
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            prefix = prefix.Length == 0 ? part : $"{prefix}/{part}";
            if (Hdf5Native.H5Lexists(_handle.Id, prefix, Hdf5Native.Default) <= 0) return false;
        }
        return prefix.Length > 0;
    }

    /// <summary>Opens the sub-group <paramref name="name"/>; throws <see cref="Hdf5Exception"/> when it is missing or not a group.</summary>
    public Hdf5Group OpenGroup(string name)
    {
        lock (Hdf5Native.Sync)
            return new(Hdf5Handle.Check(ContainsPath(name) ? Hdf5Native.H5Gopen2(_handle.Id, name, Hdf5Native.Default) : -1, Hdf5Kind.Group, $"group '{Join(name)}'"), Join(name));
    }

    /// <summary>True when the group has an attribute <paramref name="name"/>.</summary>
    public bool HasAttribute(string name)
    {
        lock (Hdf5Native.Sync) return Hdf5Native.H5Aexists(_handle.Id, name) > 0;
    }

    /// <summary>
    /// The strings of attribute <paramref name="name"/> (a scalar or a 1-D array; fixed-length or variable-length,
    /// as h5py writes bytes and str values). An empty array of any type reads as no strings.
    /// </summary>
    public string[] ReadStrings(string name)
    {
        lock (Hdf5Native.Sync) return ReadStringsLocked(name);
    }

    private unsafe string[] ReadStringsLocked(string name)
    {
        using var attribute = Hdf5Handle.Check(Hdf5Native.H5Aexists(_handle.Id, name) > 0 ? Hdf5Native.H5Aopen(_handle.Id, name, Hdf5Native.Default) : -1, Hdf5Kind.Attribute, $"attribute '{name}' of '{Path}'");
        using var space = Hdf5Handle.Check(Hdf5Native.H5Aget_space(attribute.Id), Hdf5Kind.Space, $"the dataspace of attribute '{name}'");
        long count = Hdf5Native.H5Sget_simple_extent_npoints(space.Id);
        if (count == 0) return [];
        using var type = Hdf5Handle.Check(Hdf5Native.H5Aget_type(attribute.Id), Hdf5Kind.Type, $"the type of attribute '{name}'");
        if (Hdf5Native.H5Tget_class(type.Id) != Hdf5Native.StringClass) throw new Hdf5Exception($"Attribute '{name}' of '{Path}' is not a string.");

        if (Hdf5Native.H5Tis_variable_str(type.Id) > 0)
        {
            // Read with the stored type itself: HDF5 has no conversion between strings of different character sets.
            var pointers = new nint[count];
            fixed (nint* p = pointers)
                if (Hdf5Native.H5Aread(attribute.Id, type.Id, p) < 0) throw new Hdf5Exception($"Attribute '{name}' of '{Path}' could not be read.");
            var result = pointers.Select(ptr => Marshal.PtrToStringUTF8(ptr) ?? "").ToArray();
            foreach (var ptr in pointers) if (ptr != 0) Hdf5Native.H5free_memory(ptr);
            return result;
        }

        int size = checked((int)Hdf5Native.H5Tget_size(type.Id));
        var bytes = new byte[checked(size * (int)count)];
        fixed (byte* p = bytes)
            if (Hdf5Native.H5Aread(attribute.Id, type.Id, p) < 0) throw new Hdf5Exception($"Attribute '{name}' of '{Path}' could not be read.");
        return Enumerable.Range(0, (int)count).Select(i =>
        {
            var span = bytes.AsSpan(i * size, size);
            int end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }).ToArray();
    }

    /// <summary>Reads dataset <paramref name="name"/> (any numeric type, converted to float32) and its shape.</summary>
    public (float[] Data, int[] Shape) ReadFloats(string name)
    {
        lock (Hdf5Native.Sync) return ReadFloatsLocked(name);
    }

    // A dataset cannot hold more than its stored bytes expanded by the best compression HDF5's filters reach (deflate:
    // about 1:1032); a damaged file that declares more is refused before anything is allocated.
    private const ulong MaxCompressionRatio = 2048, MinStorageBound = 64 * 1024;

    private unsafe (float[] Data, int[] Shape) ReadFloatsLocked(string name)
    {
        using var dataset = Hdf5Handle.Check(ContainsPath(name) ? Hdf5Native.H5Dopen2(_handle.Id, name, Hdf5Native.Default) : -1, Hdf5Kind.Dataset, $"dataset '{Join(name)}'");
        using var space = Hdf5Handle.Check(Hdf5Native.H5Dget_space(dataset.Id), Hdf5Kind.Space, $"the dataspace of '{Join(name)}'");
        int rank = Hdf5Native.H5Sget_simple_extent_ndims(space.Id);
        if (rank < 0) throw new Hdf5Exception($"The dataspace of '{Join(name)}' could not be read.");
        var dims = new ulong[rank];
        fixed (ulong* d = dims) Hdf5Native.H5Sget_simple_extent_dims(space.Id, d, null);
        if (dims.Any(d => d > int.MaxValue) || dims.Aggregate(1.0, (n, d) => n * d) > Array.MaxLength)
            throw new Hdf5Exception($"Dataset '{Join(name)}' has shape [{string.Join(", ", dims)}], too large to read.");
        int[] shape = dims.Select(d => (int)d).ToArray();
        long elements = Tensor.ElementCount(shape);
        ulong stored = Hdf5Native.H5Dget_storage_size(dataset.Id);
        if ((ulong)elements * sizeof(float) > Math.Max(stored, MinStorageBound) * MaxCompressionRatio)
            throw new Hdf5Exception($"Dataset '{Join(name)}' declares shape [{string.Join(", ", dims)}] ({elements * sizeof(float):N0} bytes as float32) but stores only {stored:N0} bytes: the file is damaged.");
        var data = new float[elements];
        fixed (float* p = data)
            if (data.Length > 0 && Hdf5Native.H5Dread(dataset.Id, Hdf5Native.NativeFloat, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default, p) < 0)
                throw new Hdf5Exception($"Dataset '{Join(name)}' could not be read as float32.");
        return (data, shape);
    }

    /// <summary>Closes the group.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Join(string name) => Path.TrimEnd('/') + "/" + name;
}

/// <summary>An HDF5 file opened read-only or newly created; it is its own root group.</summary>
public sealed class Hdf5File : Hdf5Group
{
    private Hdf5File(Hdf5Handle handle) : base(handle, "/") { }

    /// <summary>Opens <paramref name="path"/> read-only; throws <see cref="Hdf5Exception"/> when it is not an HDF5 file.</summary>
    public static Hdf5File Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"HDF5 file '{path}' does not exist.", path);
        _ = Hdf5Native.NativeFloat; // loads and initialises the library
        lock (Hdf5Native.Sync)
            return new Hdf5File(Hdf5Handle.Check(Hdf5Native.H5Fopen(System.IO.Path.GetFullPath(path), Hdf5Native.ReadOnly, Hdf5Native.Default), Hdf5Kind.File, $"'{path}' as an HDF5 file"));
    }

    /// <summary>
    /// Creates (or truncates) <paramref name="path"/> for writing, in the HDF5 1.8 file format so that attributes may
    /// exceed 64 KiB (a large model's JSON config); write it through a temporary name to replace a file all-or-nothing.
    /// </summary>
    public static Hdf5File Create(string path)
    {
        _ = Hdf5Native.NativeFloat;
        lock (Hdf5Native.Sync)
        {
            using var access = Hdf5Handle.Check(Hdf5Native.H5Pcreate(Hdf5Native.FileAccessClass), Hdf5Kind.PropertyList, "a file-access property list");
            if (Hdf5Native.H5Pset_libver_bounds(access.Id, Hdf5Native.LibraryVersion18, Hdf5Native.LibraryVersionLatest) < 0)
                throw new Hdf5Exception("HDF5 could not select the 1.8 file format.");
            return new Hdf5File(Hdf5Handle.Check(Hdf5Native.H5Fcreate(System.IO.Path.GetFullPath(path), Hdf5Native.Truncate, Hdf5Native.Default, access.Id),
                Hdf5Kind.File, $"'{path}' to write an HDF5 file"));
        }
    }
}
