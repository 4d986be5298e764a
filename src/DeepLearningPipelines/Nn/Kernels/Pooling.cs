using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Max, average and global-average pooling over NCHW data, parallel over planes. Each output row first reduces
/// its kernel rows column-wise (vectorised), then reduces each window horizontally.
/// </summary>
internal static unsafe class Pooling
{
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
        if (work < 1 << 17) for (int p = 0; p < planes; p++) Plane(geom, p, (float*)inPtr, (float*)outPtr, isMax, countIncludePad);
        else Parallelism.For(planes, (first, last) =>
        {
            for (int p = first; p < last; p++) Plane(geom, p, (float*)inPtr, (float*)outPtr, isMax, countIncludePad);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Plane(in Pool2dGeometry g, int p, float* input, float* output, bool isMax, bool countIncludePad)
    {
        int outH = g.OutH, outW = g.OutW;
        float* src = input + (long)p * g.InH * g.InW;
        float* dst = output + (long)p * outH * outW;
        float[] rowBuffer = ArrayPool<float>.Shared.Rent(g.InW);
        fixed (float* row = rowBuffer)
        for (int oy = 0; oy < outH; oy++)
        {
            int y0 = oy * g.StrideH - g.PadTop, y1 = y0 + g.KernelH;
            int padY = Math.Min(y1, g.InH + g.PadBottom) - y0;
            int ys = Math.Max(y0, 0), ye = Math.Min(y1, g.InH);
            ReduceRows(src, g.InW, ys, ye, row, isMax);
            for (int ox = 0; ox < outW; ox++)
            {
                int x0 = ox * g.StrideW - g.PadLeft, x1 = x0 + g.KernelW;
                int xs = Math.Max(x0, 0), xe = Math.Min(x1, g.InW);
                float result;
                if (isMax)
                {
                    result = float.NegativeInfinity;
                    for (int x = xs; x < xe; x++) result = FastMath.Max(result, row[x]);
                }
                else
                {
                    float sum = 0f;
                    for (int x = xs; x < xe; x++) sum += row[x];
                    int padX = Math.Min(x1, g.InW + g.PadRight) - x0;
                    int count = countIncludePad ? padY * padX : (ye - ys) * (xe - xs);
                    result = count > 0 ? sum / count : 0f;
                }
                dst[oy * outW + ox] = result;
            }
        }
        ArrayPool<float>.Shared.Return(rowBuffer);
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
