using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// The adjoint of <see cref="Im2Col.Unfold"/>: adds each entry of a <c>[channels·KH·KW, OutH·OutW]</c> matrix back
/// onto the input position it was unfolded from (padding positions are dropped), so overlapping windows sum.
/// </summary>
internal static unsafe class Col2Im
{
    /// <summary>Adds the unfolded gradient <paramref name="col"/> of all output rows into <paramref name="channels"/> planes at <paramref name="image"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fold(in Conv2dGeometry g, int channels, float* col, float* image)
    {
        int outW = g.OutW, outH = g.OutH, plane = g.InH * g.InW;
        for (int c = 0; c < channels; c++)
        {
            float* dst = image + (long)c * plane;
            for (int ky = 0; ky < g.KernelH; ky++)
            {
                for (int kx = 0; kx < g.KernelW; kx++)
                {
                    int xOffset = kx * g.DilationW - g.PadLeft;
                    int oxBegin = Math.Clamp(CeilDiv(-xOffset, g.StrideW), 0, outW);
                    int oxEnd = Math.Clamp(CeilDiv(g.InW - xOffset, g.StrideW), oxBegin, outW);
                    for (int oy = 0; oy < outH; oy++)
                    {
                        float* src = col;
                        col += outW;
                        int y = oy * g.StrideH + ky * g.DilationH - g.PadTop;
                        if ((uint)y >= (uint)g.InH) continue;
                        float* row = dst + (long)y * g.InW + xOffset;
                        if (g.StrideW == 1) ElementwiseGrad.Add(new ReadOnlySpan<float>(src + oxBegin, oxEnd - oxBegin), new Span<float>(row + oxBegin, oxEnd - oxBegin));
                        else for (int ox = oxBegin; ox < oxEnd; ox++) row[ox * g.StrideW] += src[ox];
                    }
                }
            }
        }
    }

    private static int CeilDiv(int a, int b) => a >= 0 ? (a + b - 1) / b : -(-a / b);
}
