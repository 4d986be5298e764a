using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Max, average and global-average pooling over NCHW data, parallel over planes. Each output row first reduces
/// its kernel rows column-wise into a row buffer bordered by the padding, then reduces each window horizontally
/// (both vectorised; the horizontal pass for strides 1 and 2).
/// </summary>
internal static unsafe class Pooling
{
    private const int Lanes = 8;

    /// <summary>Max pooling; padded positions never win.</summary>
    public static void Max(in Pool2dGeometry g, float* input, float* output) => Run(g, input, output, isMax: true, countIncludePad: false);

    /// <summary>
    /// Average pooling. With <paramref name="countIncludePad"/> the divisor counts padded positions (but not
    /// positions past the padding that ceil mode adds); otherwise only positions inside the image.
    /// </summary>
    public static void Average(in Pool2dGeometry g, float* input, float* output, bool countIncludePad) =>
        Run(g, input, output, isMax: false, countIncludePad);

    /// <summary>Mean of each <paramref name="planeSize"/>-element plane, for <paramref name="planes"/> planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GlobalAverage(int planes, int planeSize, float* input, float* output)
    {
        for (int p = 0; p < planes; p++)
        {
            var plane = new ReadOnlySpan<float>(input + (long)p * planeSize, planeSize);
            double sum = 0;
            foreach (float v in plane) sum += v;
            output[p] = (float)(sum / planeSize);
        }
    }

    private static void Run(in Pool2dGeometry g, float* input, float* output, bool isMax, bool countIncludePad)
    {
        var geom = g;
        nint inPtr = (nint)input, outPtr = (nint)output;
        int planes = g.Batch * g.Channels;
        long work = (long)planes * g.OutH * g.OutW * g.KernelH * g.KernelW;
        if (work < 1 << 17) Planes(geom, 0, planes, input, output, isMax, countIncludePad);
        else Parallelism.For(planes, (first, last) => Planes(geom, first, last, (float*)inPtr, (float*)outPtr, isMax, countIncludePad));
    }

    /// <summary>
    /// Pools planes <paramref name="first"/> … <paramref name="last"/>−1. Each output row first reduces its kernel rows
    /// into a row buffer whose margins hold the reduction's identity (−∞ or 0), wide enough for every window (ceil mode
    /// may reach past the right padding) and for the vector loads' overhang; the margins and, for averages, the
    /// per-column divisors are set up once for all the planes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Planes(in Pool2dGeometry g, int first, int last, float* input, float* output, bool isMax, bool countIncludePad)
    {
        int outH = g.OutH, outW = g.OutW;
        int width = Math.Max((outW - 1) * g.StrideW + g.KernelW, g.PadLeft + g.InW) + 2 * Lanes;
        float[] rowBuffer = ArrayPool<float>.Shared.Rent(width + (isMax ? 0 : outW));
        fixed (float* buffer = rowBuffer)
        {
            new Span<float>(buffer, width).Fill(isMax ? float.NegativeInfinity : 0f);
            float* row = buffer + g.PadLeft;
            // Average pooling divides by (rows counted)·(columns counted): the column factor depends on ox only.
            float* inverseColumns = buffer + width;
            if (!isMax)
                for (int ox = 0; ox < outW; ox++)
                {
                    int x0 = ox * g.StrideW - g.PadLeft, x1 = x0 + g.KernelW;
                    int count = countIncludePad ? Math.Min(x1, g.InW + g.PadRight) - x0 : Math.Min(x1, g.InW) - Math.Max(x0, 0);
                    inverseColumns[ox] = count > 0 ? 1f / count : 0f;
                }
            for (int p = first; p < last; p++)
            {
                float* src = input + (long)p * g.InH * g.InW;
                float* dst = output + (long)p * outH * outW;
                for (int oy = 0; oy < outH; oy++)
                {
                    int y0 = oy * g.StrideH - g.PadTop, y1 = y0 + g.KernelH;
                    int ys = Math.Max(y0, 0), ye = Math.Min(y1, g.InH);
                    ReduceRows(src, g.InW, ys, ye, row, isMax);
                    float* line = dst + (long)oy * outW;
                    ReduceWindows(buffer, g.KernelW, g.StrideW, outW, line, isMax);
                    if (!isMax)
                    {
                        int rows = countIncludePad ? Math.Min(y1, g.InH + g.PadBottom) - y0 : ye - ys;
                        Scale(line, inverseColumns, outW, rows > 0 ? 1f / rows : 0f);
                    }
                }
            }
        }
        ArrayPool<float>.Shared.Return(rowBuffer);
    }

    /// <summary>
    /// <c>line[ox] = reduce(row[ox·stride … ox·stride + kernel − 1])</c>, where <paramref name="row"/> already holds
    /// the padding; 8 outputs at a time for strides 1 and 2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceWindows(float* row, int kernel, int stride, int outW, float* line, bool isMax)
    {
        int ox = 0;
        if (stride == 1 || (stride == 2 && Avx2.IsSupported))
            for (; ox + Lanes <= outW; ox += Lanes)
            {
                float* start = row + ox * stride;
                var acc = stride == 1 ? Vector256.Load(start) : FastMath.Evens(Vector256.Load(start), Vector256.Load(start + Lanes));
                for (int j = 1; j < kernel; j++)
                {
                    var v = stride == 1 ? Vector256.Load(start + j) : FastMath.Evens(Vector256.Load(start + j), Vector256.Load(start + j + Lanes));
                    acc = isMax ? Vector256.MaxNative(acc, v) : acc + v;
                }
                acc.Store(line + ox);
            }
        for (; ox < outW; ox++)
        {
            float* start = row + ox * stride;
            float acc = start[0];
            for (int j = 1; j < kernel; j++) acc = isMax ? FastMath.Max(acc, start[j]) : acc + start[j];
            line[ox] = acc;
        }
    }

    /// <summary><c>line[ox] *= rowFactor · columnFactors[ox]</c>.</summary>
    private static void Scale(float* line, float* columnFactors, int outW, float rowFactor)
    {
        var factor = Vector256.Create(rowFactor);
        int ox = 0;
        for (; ox + Lanes <= outW; ox += Lanes) (Vector256.Load(line + ox) * Vector256.Load(columnFactors + ox) * factor).Store(line + ox);
        for (; ox < outW; ox++) line[ox] *= rowFactor * columnFactors[ox];
    }

    /// <summary>Column-wise max or sum of image rows [ys, ye) into <paramref name="row"/> (Vector256 over the width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceRows(float* src, int width, int ys, int ye, float* row, bool isMax)
    {
        if (ye <= ys)
        {
            new Span<float>(row, width).Fill(isMax ? float.NegativeInfinity : 0f);
            return;
        }
        new ReadOnlySpan<float>(src + (long)ys * width, width).CopyTo(new Span<float>(row, width));
        for (int y = ys + 1; y < ye; y++)
        {
            float* line = src + (long)y * width;
            int x = 0;
            for (; x <= width - 8; x += 8)
            {
                var a = Vector256.Load(row + x);
                var b = Vector256.Load(line + x);
                Vector256.Store(isMax ? Vector256.MaxNative(a, b) : a + b, row + x);
            }
            for (; x < width; x++) row[x] = isMax ? FastMath.Max(row[x], line[x]) : row[x] + line[x];
        }
    }
}
