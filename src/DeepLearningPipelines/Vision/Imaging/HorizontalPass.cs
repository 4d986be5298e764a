using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Resamples one source row along x. The axis taps are expanded per channel and stored tap-major, so each output
/// value j reads source element <c>Index[t·N + j]</c>; AVX2 gathers four of them at a time, the scalar loop does the rest.
/// </summary>
internal sealed class HorizontalPass
{
    private readonly int[] _index;
    private readonly double[] _weight;
    private readonly int _taps;
    private readonly bool _isLerp;
    private readonly int[] _sourceRow;

    public HorizontalPass(AxisCoefficients axis, int channels, int sourceWidth)
    {
        OutputLength = axis.Count * channels;
        _taps = axis.Taps;
        _isLerp = axis.IsLerp;
        _index = new int[_taps * OutputLength];
        _weight = new double[_taps * OutputLength];
        for (var x = 0; x < axis.Count; x++)
        for (var t = 0; t < _taps; t++)
        for (var c = 0; c < channels; c++)
        {
            var j = t * OutputLength + x * channels + c;
            _index[j] = axis.Indices[x * _taps + t] * channels + c;
            _weight[j] = axis.Weights[x * _taps + t];
        }
        _sourceRow = new int[sourceWidth * channels];
    }

    /// <summary>Values per output row (output width × channels).</summary>
    public int OutputLength { get; }

    public void Run(ReadOnlySpan<byte> source, Span<double> output)
    {
        Widen(source, _sourceRow);
        var done = Avx2.IsSupported ? RunAvx2(output) : 0;
        for (var j = done; j < OutputLength; j++)
        {
            if (_isLerp)
            {
                double a = _sourceRow[_index[j]], b = _sourceRow[_index[OutputLength + j]];
                output[j] = a + (b - a) * _weight[OutputLength + j];
                continue;
            }
            var sum = 0.0;
            for (var t = 0; t < _taps; t++)
                sum += _weight[t * OutputLength + j] * _sourceRow[_index[t * OutputLength + j]];
            output[j] = sum;
        }
    }

    /// <summary>Processes whole groups of four outputs; returns how many were done.</summary>
    private unsafe int RunAvx2(Span<double> output)
    {
        var n = OutputLength;
        var end = n - n % 4;
        fixed (int* row = _sourceRow)
        fixed (int* index = _index)
        fixed (double* weight = _weight)
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
