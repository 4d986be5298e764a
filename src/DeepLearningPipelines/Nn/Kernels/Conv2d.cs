using System.Buffers;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// 2-D convolution over NCHW data. Pointwise convolutions are a GEMM straight over the input planes; depthwise
/// ones use <see cref="DepthwiseConv2d"/>; everything else unfolds each image with <see cref="Im2Col"/> and
/// multiplies by the weights. Bias, residual and the clamp activation are applied in the GEMM epilogue. A batch
/// is spread over the cores image by image; a single image is spread inside its GEMMs.
/// </summary>
internal static unsafe class Conv2d
{
    /// <summary>Size in floats of the scratch buffer <see cref="Run"/> needs (0 when none).</summary>
    public static long ScratchSize(in Conv2dGeometry g) =>
        g.IsPointwise || g.IsDepthwise ? 0 : (long)g.PatchSize * g.OutH * g.OutW;

    /// <summary>Packs each group's weight matrix for <see cref="Run"/>, or returns null for depthwise convolutions (which do not use GEMM).</summary>
    public static PackedMatrix[]? PackWeights(in Conv2dGeometry g, float* weights)
    {
        if (g.IsDepthwise) return null;
        var packed = new PackedMatrix[g.Groups];
        for (int grp = 0; grp < g.Groups; grp++)
            packed[grp] = new PackedMatrix(new MatrixRef(weights + (long)grp * g.GroupOutChannels * g.PatchSize, g.PatchSize), g.GroupOutChannels, g.PatchSize);
        return packed;
    }

    /// <summary>
    /// Computes <c>output = clamp(conv(input, weights) + bias + residual, min, max)</c>. <paramref name="bias"/> and
    /// <paramref name="residual"/> (a tensor of the output's shape) may be null; <paramref name="packedWeights"/>
    /// (from <see cref="PackWeights"/>) replaces reading <paramref name="weights"/> when given.
    /// </summary>
    public static void Run(in Conv2dGeometry g, float* input, float* weights, float* bias, float* output,
        float min = float.NegativeInfinity, float max = float.PositiveInfinity, PackedMatrix[]? packedWeights = null, float* residual = null)
    {
        if (g.IsDepthwise)
        {
            DepthwiseConv2d.Run(g, input, weights, bias, output, min, max, residual);
            return;
        }
        var geometry = g;
        nint x = (nint)input, w = (nint)weights, b = (nint)bias, y = (nint)output, z = (nint)residual;
        if (g.Batch > 1 && Parallelism.MaxThreads > 1)
        {
            // Whole images per worker: no synchronisation inside a layer, each GEMM runs on one thread.
            Parallel.For(0, g.Batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxThreads },
                n => Image(geometry, n, (float*)x, (float*)w, (float*)b, (float*)y, min, max, packedWeights, (float*)z, parallelGemm: false));
            return;
        }
        for (int n = 0; n < g.Batch; n++) Image(geometry, n, input, weights, bias, output, min, max, packedWeights, residual, parallelGemm: true);
    }

    private static void Image(in Conv2dGeometry g, int n, float* input, float* weights, float* bias, float* output,
        float min, float max, PackedMatrix[]? packedWeights, float* residual, bool parallelGemm)
    {
        int outPlane = g.OutH * g.OutW, inPlane = g.InH * g.InW;
        int groupIn = g.GroupInChannels, groupOut = g.GroupOutChannels, patch = g.PatchSize;
        nint residualOffset = residual == null ? 0 : (nint)((byte*)residual - (byte*)output);
        long scratch = ScratchSize(g);
        float[]? rented = scratch > 0 ? ArrayPool<float>.Shared.Rent(checked((int)scratch)) : null;
        try
        {
            fixed (float* col = rented)
            {
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    float* image = input + ((long)n * g.InChannels + (long)grp * groupIn) * inPlane;
                    float* dst = output + ((long)n * g.OutChannels + (long)grp * groupOut) * outPlane;
                    MatrixRef bMatrix;
                    if (g.IsPointwise)
                    {
                        bMatrix = new MatrixRef(image, inPlane);
                    }
                    else
                    {
                        Im2Col.Unfold(g, groupIn, image, col);
                        bMatrix = new MatrixRef(col, outPlane);
                    }
                    var ep = new GemmEpilogue(bias == null ? null : bias + grp * groupOut, BiasKind.PerRow, min, max, residual != null, residualOffset);
                    if (packedWeights is not null)
                        Sgemm.Multiply(packedWeights[grp], outPlane, bMatrix, dst, outPlane, ep, parallelGemm);
                    else
                        Sgemm.Multiply(groupOut, outPlane, patch, new MatrixRef(weights + (long)grp * groupOut * patch, patch), bMatrix, dst, outPlane, ep, parallelGemm);
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
    }
}
