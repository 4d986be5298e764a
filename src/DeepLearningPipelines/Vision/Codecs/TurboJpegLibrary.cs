using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// The TurboJPEG API of libjpeg-turbo, bound at run time with <see cref="NativeLibrary"/> so that a missing library
/// becomes a <see cref="DataFormatException"/> naming the package to install instead of a DllNotFoundException.
/// </summary>
internal sealed unsafe class TurboJpegLibrary
{
    public const int PixelFormatBgr = 1, PixelFormatGray = 6, PixelFormatCmyk = 11;
    public const int ColorspaceGray = 2, ColorspaceCmyk = 3, ColorspaceYcck = 4;
    public const int FlagLimitScans = 32768;
    public const int ErrorWarning = 0;

    private static readonly string[] LibraryNames =
        ["libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "libturbojpeg.dylib", "turbojpeg"];

    private static readonly Lazy<TurboJpegLibrary?> Shared = new(() => TryLoad(LibraryNames));

    public required delegate* unmanaged<nint> InitDecompress { get; init; }
    public required delegate* unmanaged<nint, byte*, CULong, int*, int*, int*, int*, int> DecompressHeader3 { get; init; }
    public required delegate* unmanaged<int*, ScalingFactor*> GetScalingFactors { get; init; }
    public required delegate* unmanaged<nint, byte*, CULong, byte*, int, int, int, int, int, int> Decompress2 { get; init; }
    public required delegate* unmanaged<nint, byte*> GetErrorStr2 { get; init; }
    public required delegate* unmanaged<nint, int> GetErrorCode { get; init; }
    public required delegate* unmanaged<nint, int> Destroy { get; init; }

    /// <summary>TurboJPEG's <c>tjscalingfactor</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public readonly struct ScalingFactor
    {
        public readonly int Num;
        public readonly int Denom;
    }

    /// <summary>The process-wide binding, or a <see cref="DataFormatException"/> when libturbojpeg cannot be loaded.</summary>
    public static TurboJpegLibrary Get(string origin) => Shared.Value ?? throw MissingLibrary(origin);

    public static DataFormatException MissingLibrary(string origin) => DecodeFailure.Create(origin,
        "JPEG decoding needs libjpeg-turbo's TurboJPEG library (libturbojpeg.so.0), which could not be loaded; " +
        "install libturbojpeg0 (Debian/Ubuntu: apt-get install libturbojpeg0).");

    /// <summary>Binds the first of <paramref name="names"/> that loads and exports every function, or returns null.</summary>
    internal static TurboJpegLibrary? TryLoad(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!NativeLibrary.TryLoad(name, typeof(TurboJpegLibrary).Assembly, null, out var handle)) continue;
            if (TryBind(handle) is { } library) return library;
            NativeLibrary.Free(handle);
        }
        return null;
    }

    private static TurboJpegLibrary? TryBind(nint handle)
    {
        nint Export(string name) => NativeLibrary.TryGetExport(handle, name, out var address) ? address : 0;
        nint init = Export("tjInitDecompress"), header = Export("tjDecompressHeader3"), scaling = Export("tjGetScalingFactors"),
            decompress = Export("tjDecompress2"), errorStr = Export("tjGetErrorStr2"), errorCode = Export("tjGetErrorCode"),
            destroy = Export("tjDestroy");
        if (init == 0 || header == 0 || scaling == 0 || decompress == 0 || errorStr == 0 || errorCode == 0 || destroy == 0)
            return null;
        return new TurboJpegLibrary
        {
            InitDecompress = (delegate* unmanaged<nint>)init,
            DecompressHeader3 = (delegate* unmanaged<nint, byte*, CULong, int*, int*, int*, int*, int>)header,
            GetScalingFactors = (delegate* unmanaged<int*, ScalingFactor*>)scaling,
            Decompress2 = (delegate* unmanaged<nint, byte*, CULong, byte*, int, int, int, int, int, int>)decompress,
            GetErrorStr2 = (delegate* unmanaged<nint, byte*>)errorStr,
            GetErrorCode = (delegate* unmanaged<nint, int>)errorCode,
            Destroy = (delegate* unmanaged<nint, int>)destroy,
        };
    }

    /// <summary>The power-of-two reductions (1/2, 1/4, 1/8) this build of the library supports, largest first.</summary>
    public IReadOnlyList<int> ReductionDenominators => _denominators ??= ReadDenominators();

    private int[]? _denominators;

    private int[] ReadDenominators()
    {
        int count;
        var factors = GetScalingFactors(&count);
        var result = new List<int>();
        for (var i = 0; factors != null && i < count; i++)
            if (factors[i].Num == 1 && factors[i].Denom is 2 or 4 or 8)
                result.Add(factors[i].Denom);
        result.Sort();
        result.Reverse();
        return result.ToArray();
    }
}
