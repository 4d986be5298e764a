using System.Buffers;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// 2-D convolution over NCHW data. Pointwise convolutions are a GEMM straight over the input planes; depthwise
/// ones use <see cref="DepthwiseConv2d"/>; 3×3 stride-1 ones use <see cref="WinogradConv2d"/>; everything
/// else unfolds the images with <see cref="Im2Col"/> and multiplies by the weights. Bias, residual and the clamp
/// activation are applied as the output is stored. A batch is spread over the cores in runs of whole images, and
/// each run of images with small maps is one GEMM (its columns span the images, see <see cref="ColumnBlocks"/>), so
/// the weights are streamed once per run rather than once per image. A single image is spread inside its GEMMs.
/// </summary>
internal static unsafe class Conv2d
{
    /// <summary>Columns one GEMM should span at least, when the batch allows it.</summary>
    private const int TargetColumns = 1024;

    /// <summary>Runs per worker at least, so that a worker that falls behind (a busy machine) can be helped out.</summary>
    private const int MinRunsPerThread = 2;

    /// <summary>
    /// Floats of one unfolded band of output rows of a single image (2 MiB): packing rereads it from the shared
    /// cache, and the band's GEMM stays wide enough (hundreds of columns) to run at full speed.
    /// </summary>
    private const int BandFloats = 1 << 19;

    /// <summary>
    /// Packs each group's weight matrix (or the Winograd-transformed weights) for <see cref="Run"/>, or returns null
    /// for depthwise convolutions (which do not use GEMM).
    /// </summary>
    public static PackedMatrix[]? PackWeights(in Conv2dGeometry g, float* weights)
    {
        if (g.IsDepthwise) return null;
        if (WinogradConv2d.Applies(g)) return WinogradConv2d.PackWeights(g, weights);
        var packed = new PackedMatrix[g.Groups];
        for (int grp = 0; grp < g.Groups; grp++)
            packed[grp] = new PackedMatrix(new MatrixRef(weights + (long)grp * g.GroupOutChannels * g.PatchSize, g.PatchSize), g.GroupOutChannels, g.PatchSize);
        return packed;
    }

    /// <summary>
    /// Whether <paramref name="packed"/> (from <see cref="PackWeights"/>) has the layout <paramref name="g"/> needs, for
    /// the kernels of the <see cref="SimdWidth.Current"/> width.
    /// </summary>
    public static bool FitsPackedWeights(in Conv2dGeometry g, PackedMatrix[] packed)
    {
        bool winograd = WinogradConv2d.Applies(g);
        return packed.Length == (winograd ? WinogradConv2d.Points(g) : g.Groups) && packed[0].Rows == g.GroupOutChannels
            && packed[0].Cols == (winograd ? g.InChannels : g.PatchSize) && packed[0].Width == SimdWidth.Current;
    }

    /// <summary>
    /// Computes <c>output = clamp(conv(input, weights) + bias + residual, min, max)</c>. <paramref name="bias"/> and
    /// <paramref name="residual"/> (a tensor of the output's shape, which may be the output itself) may be null; <paramref name="packedWeights"/>
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
        bool winograd = WinogradConv2d.Applies(g);
        if (winograd) packedWeights ??= WinogradConv2d.PackWeights(g, weights);
        var geometry = g;
        nint x = (nint)input, w = (nint)weights, b = (nint)bias, y = (nint)output, z = (nint)residual;
        int threads = Parallelism.MaxThreads;
        bool wholeBatch = winograd && WinogradConv2d.PrefersWholeBatch(g);
        if (g.Batch > 1 && threads > 1 && !wholeBatch)
        {
            // Runs of whole images per worker: no synchronisation inside a layer, each GEMM runs on one thread.
            int runs = threads * Math.Max(MinRunsPerThread, CeilDiv(g.Batch, threads * ImagesPerRun(g, winograd)));
            runs = Math.Min(runs, g.Batch);
            Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = threads }, r =>
            {
                int first = (int)((long)geometry.Batch * r / runs), last = (int)((long)geometry.Batch * (r + 1) / runs);
                RunImages(geometry, winograd, first, last - first, (float*)x, (float*)w, (float*)b, (float*)y, min, max, packedWeights, (float*)z, parallelGemm: false);
            });
            return;
        }
        int perRun = wholeBatch ? g.Batch : g.Batch > 1 ? ImagesPerRun(g, winograd) : 1;
        for (int n = 0; n < g.Batch; n += perRun)
            RunImages(geometry, winograd, n, Math.Min(perRun, g.Batch - n), input, weights, bias, output, min, max, packedWeights, residual, parallelGemm: true);
    }

    private static void RunImages(in Conv2dGeometry g, bool winograd, int first, int count, float* input, float* weights, float* bias, float* output,
        float min, float max, PackedMatrix[]? packedWeights, float* residual, bool parallelGemm)
    {
        if (winograd) WinogradConv2d.Images(g, first, count, packedWeights!, bias, input, output, min, max, residual, parallelGemm);
        else Images(g, first, count, input, weights, bias, output, min, max, packedWeights, residual, parallelGemm);
    }

    /// <summary>Images one run should span so that its GEMMs have about <see cref="TargetColumns"/> output pixels or <see cref="WinogradConv2d.TargetTiles"/> tiles.</summary>
    private static int ImagesPerRun(in Conv2dGeometry g, bool winograd) =>
        Math.Clamp(winograd ? CeilDiv(WinogradConv2d.TargetTiles, WinogradConv2d.TilesPerImage(g)) : CeilDiv(TargetColumns, g.OutH * g.OutW), 1, g.Batch);

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;

    /// <summary>
    /// Convolves images <paramref name="first"/> … <paramref name="first"/>+<paramref name="count"/>−1, one GEMM per
    /// group, or, for a single image that unfolds into more than <see cref="BandFloats"/>, per group and band of output rows.
    /// </summary>
    private static void Images(in Conv2dGeometry g, int first, int count, float* input, float* weights, float* bias, float* output,
        float min, float max, PackedMatrix[]? packedWeights, float* residual, bool parallelGemm)
    {
        int outPlane = g.OutH * g.OutW, inPlane = g.InH * g.InW;
        int groupIn = g.GroupInChannels, groupOut = g.GroupOutChannels, patch = g.PatchSize;
        long inImage = (long)g.InChannels * inPlane, outImage = (long)g.OutChannels * outPlane;
        nint residualOffset = residual == null ? 0 : (nint)((byte*)residual - (byte*)output);
        int bandRows = count == 1 && !g.IsPointwise ? Math.Clamp(BandFloats / (patch * g.OutW), 1, g.OutH) : g.OutH;
        long scratch = g.IsPointwise ? 0 : (long)count * patch * bandRows * g.OutW;
        float[]? rented = scratch > 0 ? ArrayPool<float>.Shared.Rent(checked((int)scratch)) : null;
        try
        {
            fixed (float* col = rented)
            {
                for (int grp = 0; grp < g.Groups; grp++)
                {
                    float* images = input + first * inImage + (long)grp * groupIn * inPlane;
                    // A residual in the output's own buffer (computed in place) is added by accumulating onto it.
                    var ep = new GemmEpilogue(bias == null ? null : bias + grp * groupOut, BiasKind.PerRow, min, max, residual != null && residualOffset != 0, residualOffset,
                        accumulate: residual != null && residualOffset == 0);
                    for (int row = 0; row < g.OutH; row += bandRows)
                    {
                        int rows = Math.Min(bandRows, g.OutH - row), columns = rows * g.OutW;
                        float* dst = output + first * outImage + (long)grp * groupOut * outPlane + (long)row * g.OutW;
                        MatrixRef bMatrix;
                        ColumnBlocks blocks;
                        if (g.IsPointwise)
                        {
                            bMatrix = new MatrixRef(images, inPlane);
                            blocks = new ColumnBlocks(outPlane, inImage, outImage);
                        }
                        else
                        {
                            long colImage = (long)patch * columns;
                            for (int i = 0; i < count; i++) Im2Col.Unfold(g, groupIn, images + i * inImage, col + i * colImage, row, rows);
                            bMatrix = new MatrixRef(col, columns);
                            blocks = new ColumnBlocks(columns, colImage, outImage);
                        }
                        int n = count * columns;
                        if (packedWeights is not null)
                            Sgemm.Multiply(packedWeights[grp], n, bMatrix, dst, outPlane, ep, parallelGemm, blocks);
                        else
                            Sgemm.Multiply(groupOut, n, patch, new MatrixRef(weights + (long)grp * groupOut * patch, patch), bMatrix, dst, outPlane, ep, parallelGemm, blocks);
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
