using System.Buffers;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// 2-D convolution over NCHW data. Pointwise convolutions are a GEMM straight over the input planes; depthwise
/// ones use <see cref="DepthwiseConv2d"/>; everything else unfolds each image with <see cref="Im2Col"/> and
/// multiplies by the weights. Bias and the clamp activation are applied in the GEMM epilogue.
/// </summary>
internal static unsafe class Conv2d
{
    /// <summary>Size in floats of the scratch buffer <see cref="Run"/> needs (0 when none).</summary>
    public static long ScratchSize(in Conv2dGeometry g) =>
        g.IsPointwise || g.IsDepthwise ? 0 : (long)g.PatchSize * g.OutH * g.OutW;

    /// <summary>
    /// Computes <c>output = clamp(conv(input, weights) + bias, min, max)</c>.
    /// <paramref name="bias"/> may be null.
    /// </summary>
    public static void Run(in Conv2dGeometry g, float* input, float* weights, float* bias, float* output,
        float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        if (g.IsDepthwise)
        {
            DepthwiseConv2d.Run(g, input, weights, bias, output, min, max);
            return;
        }

        int outPlane = g.OutH * g.OutW, inPlane = g.InH * g.InW;
        int groupIn = g.GroupInChannels, groupOut = g.GroupOutChannels, patch = g.PatchSize;
        long scratch = ScratchSize(g);
        float[]? rented = scratch > 0 ? ArrayPool<float>.Shared.Rent(checked((int)scratch)) : null;
        try
        {
            fixed (float* col = rented)
            {
                for (int n = 0; n < g.Batch; n++)
                {
                    for (int grp = 0; grp < g.Groups; grp++)
                    {
                        float* image = input + ((long)n * g.InChannels + (long)grp * groupIn) * inPlane;
                        float* dst = output + ((long)n * g.OutChannels + (long)grp * groupOut) * outPlane;
                        MatrixRef b;
                        if (g.IsPointwise)
                        {
                            b = new MatrixRef(image, inPlane);
                        }
                        else
                        {
                            Im2Col.Unfold(g, groupIn, image, col);
                            b = new MatrixRef(col, outPlane);
                        }
                        var a = new MatrixRef(weights + (long)grp * groupOut * patch, patch);
                        var ep = new GemmEpilogue(bias == null ? null : bias + grp * groupOut, BiasKind.PerRow, min, max);
                        Sgemm.Multiply(groupOut, outPlane, patch, a, b, dst, outPlane, ep);
                    }
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }
}
