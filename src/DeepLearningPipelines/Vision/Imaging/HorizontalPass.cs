using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Resamples one source row along x. With AVX2, 3- and 4-channel rows are processed a pixel at a time (all channels
/// of a tap in one 256-bit vector) and 1-channel rows four outputs at a time with gathers; a scalar loop finishes
/// whatever the vector loop leaves. Every path evaluates the same expression in the same order, so they agree exactly.
/// </summary>
internal sealed class HorizontalPass
{
    private readonly int _channels;
    private readonly int _count;
    private readonly int _taps;
    private readonly bool _isLerp;
    private readonly int[] _elementIndex;
    private readonly double[] _elementWeight;
    private readonly int[] _pixelOffset;
    private readonly double[] _pixelWeight;
    private readonly int[] _widened;
    private readonly byte[] _padded;

    public HorizontalPass(AxisCoefficients axis, int channels, int sourceWidth)
    {
        _channels = channels;
        _count = axis.Count;
        _taps = axis.Taps;
        _isLerp = axis.IsLerp;
        OutputLength = _count * channels;
        _elementIndex = new int[_taps * OutputLength];
        _elementWeight = new double[_taps * OutputLength];
        _pixelOffset = new int[_taps * _count];
        _pixelWeight = new double[_taps * _count];
        for (var x = 0; x < _count; x++)
        for (var t = 0; t < _taps; t++)
        {
            var source = axis.Indices[x * _taps + t] * channels;
            var weight = axis.Weights[x * _taps + t];
            _pixelOffset[t * _count + x] = source;
            _pixelWeight[t * _count + x] = weight;
            for (var c = 0; c < channels; c++)
            {
                _elementIndex[t * OutputLength + x * channels + c] = source + c;
                _elementWeight[t * OutputLength + x * channels + c] = weight;
            }
        }
        _widened = channels == 1 ? new int[sourceWidth] : [];
        _padded = channels == 3 ? new byte[sourceWidth * 3 + 1] : [];
    }

    /// <summary>Values per output row (output width × channels).</summary>
    public int OutputLength { get; }

    public void Run(ReadOnlySpan<byte> source, Span<double> output)
    {
        var done = !Avx2.IsSupported ? 0 : _channels == 1 ? RunGather(source, output) : RunPixels(source, output);
        for (var j = done; j < OutputLength; j++)
        {
            if (_isLerp)
            {
                double a = source[_elementIndex[j]], b = source[_elementIndex[OutputLength + j]];
                output[j] = a + (b - a) * _elementWeight[OutputLength + j];
                continue;
            }
            var sum = 0.0;
            for (var t = 0; t < _taps; t++)
                sum += _elementWeight[t * OutputLength + j] * source[_elementIndex[t * OutputLength + j]];
            output[j] = sum;
        }
    }

    /// <summary>
    /// One output pixel per iteration, its 3 or 4 channels in one vector. A 3-channel pixel is read as 4 bytes from a
    /// padded copy and stored as 4 doubles, so the last pixel is left to the scalar loop. Returns the values done.
    /// </summary>
    private unsafe int RunPixels(ReadOnlySpan<byte> source, Span<double> output)
    {
        if (_channels == 3) source.CopyTo(_padded);
        var pixels = _channels == 3 ? _count - 1 : _count;
        fixed (byte* row = _channels == 3 ? _padded : source)
        fixed (int* offset = _pixelOffset)
        fixed (double* weight = _pixelWeight)
        fixed (double* result = output)
        {
            for (var x = 0; x < pixels; x++)
            {
                Vector256<double> value;
                if (_isLerp)
                {
                    var a = LoadPixel(row + offset[x]);
                    var b = LoadPixel(row + offset[_count + x]);
                    value = a + (b - a) * Vector256.Create(weight[_count + x]);
                }
                else
                {
                    value = Vector256<double>.Zero;
                    for (var t = 0; t < _taps; t++)
                        value += Vector256.Create(weight[t * _count + x]) * LoadPixel(row + offset[t * _count + x]);
                }
                Avx.Store(result + x * _channels, value);
            }
        }
        return pixels * _channels;
    }

    private static unsafe Vector256<double> LoadPixel(byte* pixel) =>
        Avx.ConvertToVector256Double(Sse41.ConvertToVector128Int32(pixel));

    /// <summary>Single-channel rows: four outputs per iteration via gathers from the widened row. Returns the values done.</summary>
    private unsafe int RunGather(ReadOnlySpan<byte> source, Span<double> output)
    {
        Widen(source, _widened);
        var n = OutputLength;
        var end = n - n % 4;
        fixed (int* row = _widened)
        fixed (int* index = _elementIndex)
        fixed (double* weight = _elementWeight)
        fixed (double* result = output)
        {
            for (var j = 0; j < end; j += 4)
            {
                Vector256<double> value;
                if (_isLerp)
                {
                    var a = Avx.ConvertToVector256Double(Avx2.GatherVector128(row, Sse2.LoadVector128(index + j), 4));
                    var b = Avx.ConvertToVector256Double(Avx2.GatherVector128(row, Sse2.LoadVector128(index + n + j), 4));
                    value = a + (b - a) * Avx.LoadVector256(weight + n + j);
                }
                else
                {
                    value = Vector256<double>.Zero;
                    for (var t = 0; t < _taps; t++)
                    {
                        var s = Avx.ConvertToVector256Double(Avx2.GatherVector128(row, Sse2.LoadVector128(index + t * n + j), 4));
                        value += Avx.LoadVector256(weight + t * n + j) * s;
                    }
                }
                Avx.Store(result + j, value);
            }
        }
        return end;
    }

    /// <summary>Bytes to ints, vectorised.</summary>
    private static void Widen(ReadOnlySpan<byte> source, Span<int> destination)
    {
        var i = 0;
        var asUInt = MemoryMarshal.Cast<int, uint>(destination);
        if (Vector.IsHardwareAccelerated)
        {
            var step = Vector<byte>.Count;
            for (; i + step <= source.Length; i += step)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var quarter = Vector<uint>.Count;
                a.CopyTo(asUInt[i..]);
                b.CopyTo(asUInt[(i + quarter)..]);
                c.CopyTo(asUInt[(i + 2 * quarter)..]);
                d.CopyTo(asUInt[(i + 3 * quarter)..]);
            }
        }
        for (; i < source.Length; i++)
            destination[i] = source[i];
    }
}
