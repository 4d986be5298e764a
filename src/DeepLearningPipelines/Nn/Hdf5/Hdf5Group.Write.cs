using System.Text;

namespace DeepLearningPipelines.Nn.Hdf5;

/// <summary>
/// The write side of a group: sub-groups, fixed-length string attributes (as numpy's <c>bytes</c> values, which
/// h5py and Keras write and read) and float32 datasets.
/// </summary>
public partial class Hdf5Group
{
    /// <summary>Creates the sub-group <paramref name="name"/> (one path component) and opens it.</summary>
    public Hdf5Group CreateGroup(string name)
    {
        lock (Hdf5Native.Sync)
            return new(Hdf5Handle.Check(Hdf5Native.H5Gcreate2(_handle.Id, name, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default), Hdf5Kind.Group, $"a new group '{Join(name)}'"), Join(name));
    }

    /// <summary>Writes the scalar string attribute <paramref name="name"/> (UTF-8, fixed length).</summary>
    public void WriteString(string name, string value)
    {
        lock (Hdf5Native.Sync)
        {
            using var space = Hdf5Handle.Check(Hdf5Native.H5Screate(Hdf5Native.ScalarSpace), Hdf5Kind.Space, "a scalar dataspace");
            WriteStringsLocked(name, [Encoding.UTF8.GetBytes(value)], space);
        }
    }

    /// <summary>Writes the 1-D string-array attribute <paramref name="name"/> (UTF-8, fixed length; may be empty).</summary>
    public unsafe void WriteStrings(string name, IReadOnlyList<string> values)
    {
        lock (Hdf5Native.Sync)
        {
            ulong count = (ulong)values.Count;
            using var space = Hdf5Handle.Check(Hdf5Native.H5Screate_simple(1, &count, null), Hdf5Kind.Space, $"the dataspace of attribute '{name}'");
            WriteStringsLocked(name, values.Select(Encoding.UTF8.GetBytes).ToArray(), space);
        }
    }

    private unsafe void WriteStringsLocked(string name, byte[][] values, Hdf5Handle space)
    {
        int size = Math.Max(1, values.Select(v => v.Length).DefaultIfEmpty(0).Max());
        using var type = Hdf5Handle.Check(Hdf5Native.H5Tcopy(Hdf5Native.CString), Hdf5Kind.Type, "a string type");
        if (Hdf5Native.H5Tset_size(type.Id, (nuint)size) < 0 || Hdf5Native.H5Tset_strpad(type.Id, Hdf5Native.NullPadded) < 0 || Hdf5Native.H5Tset_cset(type.Id, Hdf5Native.Utf8) < 0)
            throw new Hdf5Exception($"HDF5 could not make a {size}-byte string type for attribute '{name}' of '{Path}'.");
        var buffer = new byte[checked(size * values.Length)];
        for (int i = 0; i < values.Length; i++) values[i].CopyTo(buffer, i * size);
        using var attribute = Hdf5Handle.Check(Hdf5Native.H5Acreate2(_handle.Id, name, type.Id, space.Id, Hdf5Native.Default, Hdf5Native.Default), Hdf5Kind.Attribute, $"a new attribute '{name}' of '{Path}'");
        fixed (byte* p = buffer)
            if (buffer.Length > 0 && Hdf5Native.H5Awrite(attribute.Id, type.Id, p) < 0)
                throw new Hdf5Exception($"Attribute '{name}' of '{Path}' could not be written.");
    }

    /// <summary>Writes the float32 dataset <paramref name="name"/> (one path component) of <paramref name="shape"/>, C order.</summary>
    public unsafe void WriteFloats(string name, ReadOnlySpan<float> data, int[] shape)
    {
        if (Tensor.ElementCount(shape) != data.Length)
            throw new ArgumentException($"Dataset '{Join(name)}': shape {Tensor.Format(shape)} needs {Tensor.ElementCount(shape)} values, got {data.Length}.", nameof(data));
        lock (Hdf5Native.Sync)
        {
            var dims = shape.Select(d => (ulong)d).ToArray();
            fixed (ulong* d = dims)
            {
                using var space = Hdf5Handle.Check(Hdf5Native.H5Screate_simple(dims.Length, d, null), Hdf5Kind.Space, $"the dataspace of '{Join(name)}'");
                using var dataset = Hdf5Handle.Check(Hdf5Native.H5Dcreate2(_handle.Id, name, Hdf5Native.Float32LittleEndian, space.Id, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default),
                    Hdf5Kind.Dataset, $"a new dataset '{Join(name)}'");
                fixed (float* p = data)
                    if (data.Length > 0 && Hdf5Native.H5Dwrite(dataset.Id, Hdf5Native.NativeFloat, Hdf5Native.Default, Hdf5Native.Default, Hdf5Native.Default, p) < 0)
                        throw new Hdf5Exception($"Dataset '{Join(name)}' could not be written.");
            }
        }
    }
}
