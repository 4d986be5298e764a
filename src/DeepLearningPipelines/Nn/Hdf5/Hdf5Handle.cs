using System.Runtime.InteropServices;

namespace DeepLearningPipelines.Nn.Hdf5;

/// <summary>Kinds of HDF5 identifiers, each closed by its own function.</summary>
internal enum Hdf5Kind { File, Group, Dataset, Attribute, Space, Type, PropertyList }

/// <summary>An open HDF5 identifier (<c>hid_t</c>), closed with the function of its kind when disposed.</summary>
internal sealed class Hdf5Handle : SafeHandle
{
    private readonly Hdf5Kind _kind;

    private Hdf5Handle(long id, Hdf5Kind kind) : base(0, ownsHandle: true)
    {
        SetHandle((nint)id);
        _kind = kind;
    }

    /// <summary>The raw identifier.</summary>
    public long Id => handle;

    public override bool IsInvalid => handle <= 0;

    /// <summary>Wraps <paramref name="id"/>, or throws <see cref="Hdf5Exception"/> when the call that produced it failed.</summary>
    public static Hdf5Handle Check(long id, Hdf5Kind kind, string what) =>
        id > 0 ? new Hdf5Handle(id, kind) : throw new Hdf5Exception($"HDF5 could not open {what}.");

    protected override bool ReleaseHandle()
    {
        lock (Hdf5Native.Sync) return CloseNative() >= 0;
    }

    private int CloseNative() => _kind switch
    {
        Hdf5Kind.File => Hdf5Native.H5Fclose(handle),
        Hdf5Kind.Group => Hdf5Native.H5Gclose(handle),
        Hdf5Kind.Dataset => Hdf5Native.H5Dclose(handle),
        Hdf5Kind.Attribute => Hdf5Native.H5Aclose(handle),
        Hdf5Kind.Space => Hdf5Native.H5Sclose(handle),
        Hdf5Kind.PropertyList => Hdf5Native.H5Pclose(handle),
        _ => Hdf5Native.H5Tclose(handle),
    };
}

/// <summary>An HDF5 call failed (the file is not HDF5, or an object or attribute cannot be read or written).</summary>
public sealed class Hdf5Exception(string message) : Core.DlpException(message);
