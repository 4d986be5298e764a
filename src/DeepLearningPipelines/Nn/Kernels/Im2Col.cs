using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Unfolds the receptive fields of one NCHW image into a <c>[channels·KH·KW, OutH·OutW]</c> row-major matrix (zero where padded).</summary>
internal static unsafe class Im2Col
{
    /// <summary>Unfolds <paramref name="channels"/> planes starting at <paramref name="image"/> into <paramref name="col"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unfold(in Conv2dGeometry g, int channels, float* image, float* col)
    {
        int outH = g.OutH, outW = g.OutW, plane = g.InH * g.InW;
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
                    for (int oy = 0; oy < outH; oy++)
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
