using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Unfolds the receptive fields of one NCHW image (or of a band of its output rows) into a
/// <c>[channels·KH·KW, rows·OutW]</c> row-major matrix (zero where padded).
/// </summary>
internal static unsafe class Im2Col
{
    /// <summary>
    /// Unfolds output rows <paramref name="firstRow"/> … <paramref name="firstRow"/>+<paramref name="rows"/>−1 of
    /// <paramref name="channels"/> planes starting at <paramref name="image"/> into <paramref name="col"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unfold(in Conv2dGeometry g, int channels, float* image, float* col, int firstRow, int rows)
    {
        int endRow = firstRow + rows, outW = g.OutW, plane = g.InH * g.InW;
        for (int c = 0; c < channels; c++)
        {
            float* src = image + (long)c * plane;
            for (int ky = 0; ky < g.KernelH; ky++)
            {
                for (int kx = 0; kx < g.KernelW; kx++)
                {
                    int xOffset = kx * g.DilationW - g.PadLeft;
                    // Output columns whose input x lies inside the image: x = ox·stride + xOffset ∈ [0, InW).
                    int oxBegin = Math.Clamp(CeilDiv(-xOffset, g.StrideW), 0, outW);
                    int oxEnd = Math.Clamp(CeilDiv(g.InW - xOffset, g.StrideW), oxBegin, outW);
                    for (int oy = firstRow; oy < endRow; oy++)
                    {
                        int y = oy * g.StrideH + ky * g.DilationH - g.PadTop;
                        float* dst = col;
                        col += outW;
                        if ((uint)y >= (uint)g.InH)
                        {
                            new Span<float>(dst, outW).Clear();
                            continue;
                        }
                        float* row = src + (long)y * g.InW + xOffset;
                        int ox = 0;
                        for (; ox < oxBegin; ox++) dst[ox] = 0f;
                        if (g.StrideW == 1)
                        {
                            new ReadOnlySpan<float>(row + oxBegin, oxEnd - oxBegin).CopyTo(new Span<float>(dst + oxBegin, oxEnd - oxBegin));
                            ox = oxEnd;
                        }
                        else
                        {
                            if (g.StrideW == 2 && Avx2.IsSupported)
                            {
                                // Eight outputs from 16 consecutive inputs while those stay inside the row.
                                int vectorEnd = Math.Min(oxEnd, (g.InW - xOffset) / 2 - 7);
                                for (; ox < vectorEnd; ox += 8)
                                    Avx.Store(dst + ox, FastMath.Evens(Avx.LoadVector256(row + 2 * ox), Avx.LoadVector256(row + 2 * ox + 8)));
                            }
                            for (; ox < oxEnd; ox++) dst[ox] = row[ox * g.StrideW];
                        }
                        for (; ox < outW; ox++) dst[ox] = 0f;
                    }
                }
            }
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
