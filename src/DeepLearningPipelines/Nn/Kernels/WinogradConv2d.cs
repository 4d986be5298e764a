using System.Buffers;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// 3×3 stride-1 convolution ("same", "valid" or any padding up to 2) by Winograd's minimal filtering: each input
/// window is transformed into one value per point, one GEMM per point
/// <c>[OutChannels, InChannels]·[InChannels, tiles]</c> multiplies them by the transformed weights, and the inverse
/// transform yields the output tile, with bias, residual and clamp applied as it is stored. Maps of at least 14×14, and batches of smaller ones, use F(4×4, 3×3)
/// (<see cref="WinogradF4x3"/>); a single small map uses F(2×2, 3×3) (<see cref="WinogradF2x3"/>).
/// </summary>
internal static unsafe class WinogradConv2d
{
    /// <summary>Tiles one run of images (or one band of a large image) should span at least, for GEMMs wide enough to run at full speed.</summary>
    public const int TargetTiles = 128;

    private const int Lanes = 8, MinPixelsForF4 = 14 * 14, MinBatchTilesForF4 = 64;

    /// <summary>Floats of one band's transformed inputs and products together (1 MiB, the per-core cache) when a single image goes in bands.</summary>
    private const long BandFloats = 1 << 18;

    /// <summary>Floats of transformed inputs and products (64 MiB together) up to which a batch runs as one (tests lower it to reach the other path).</summary>
    internal static long WholeBatchFloats { get; set; } = 16 << 20;

    /// <summary>
    /// Whether the geometry is a single-group 3×3 stride-1 dilation-1 convolution padded by at most 2 on each side ("same"
    /// and "valid" among them) with more than one input channel: with one (a gray image's first layer) each transformed
    /// point is a rank-1 product and the transforms cost more than the 9-deep im2col GEMM (7× slower measured on 28×28).
    /// </summary>
    public static bool Applies(in Conv2dGeometry g) =>
        Avx2.IsSupported && g.InChannels > 1 && g.Groups == 1 && g.KernelH == 3 && g.KernelW == 3 && g.StrideH == 1 && g.StrideW == 1
        && g.DilationH == 1 && g.DilationW == 1 && (uint)g.PadTop <= 2 && (uint)g.PadLeft <= 2 && (uint)g.PadBottom <= 2 && (uint)g.PadRight <= 2;

    /// <summary>
    /// Side of the output tiles: 4 for F(4×4, 3×3), 2 for F(2×2, 3×3). Small maps of a single image (or a few) use
    /// F(2×2), whose transformed weights are 16 rather than 36 matrices: there each weight is used for few tiles.
    /// </summary>
    public static int TileSize(in Conv2dGeometry g) =>
        g.OutH * g.OutW >= MinPixelsForF4 || (long)g.Batch * ((g.OutH + 3) / 4) * ((g.OutW + 3) / 4) >= MinBatchTilesForF4 ? WinogradF4x3.Size : WinogradF2x3.Size;

    /// <summary>
    /// Whether a batch should run as one, its transforms split over the cores by channels and its GEMMs by points:
    /// then each point's GEMM spans the whole batch's tiles and the transformed weights (tens of MiB for 512
    /// channels) are streamed once rather than once per run of images. Measured faster on ResNet50's 28×28, 14×14 and
    /// 7×7 maps at batch 32; on 56×56 maps (over <see cref="WholeBatchFloats"/>) runs of images are as fast.
    /// </summary>
    public static bool PrefersWholeBatch(in Conv2dGeometry g) =>
        g.Batch > 1 && 2L * Points(g) * Math.Max(g.InChannels, g.OutChannels) * g.Batch * TilesPerImage(g) <= WholeBatchFloats;

    /// <summary>Transformed values (and GEMMs) per tile: the square of the input window side.</summary>
    public static int Points(in Conv2dGeometry g) => (TileSize(g) + 2) * (TileSize(g) + 2);

    /// <summary>Output tiles per image.</summary>
    public static int TilesPerImage(in Conv2dGeometry g) => TilesH(g) * TilesW(g);

    private static int TilesH(in Conv2dGeometry g) => (g.OutH + TileSize(g) - 1) / TileSize(g);
    private static int TilesW(in Conv2dGeometry g) => (g.OutW + TileSize(g) - 1) / TileSize(g);

    /// <summary>Transforms the OIHW weights (<c>U = G·g·Gᵀ</c>) into one packed <c>[OutChannels, InChannels]</c> matrix per point.</summary>
    public static PackedMatrix[] PackWeights(in Conv2dGeometry g, float* weights)
    {
        float[,] gm = TileSize(g) == WinogradF4x3.Size ? WinogradF4x3.G : WinogradF2x3.G;
        int window = gm.GetLength(0), points = window * window, cout = g.OutChannels, cin = g.InChannels;
        long plane = (long)cout * cin;
        var u = new float[points * plane];
        var t = new double[window, 3];
        for (int o = 0; o < cout; o++)
            for (int c = 0; c < cin; c++)
            {
                float* w = weights + ((long)o * cin + c) * 9;
                for (int i = 0; i < window; i++)
                    for (int j = 0; j < 3; j++)
                        t[i, j] = gm[i, 0] * (double)w[j] + gm[i, 1] * (double)w[3 + j] + gm[i, 2] * (double)w[6 + j];
                for (int i = 0; i < window; i++)
                    for (int j = 0; j < window; j++)
                        u[(i * window + j) * plane + (long)o * cin + c] = (float)(t[i, 0] * gm[j, 0] + t[i, 1] * gm[j, 1] + t[i, 2] * gm[j, 2]);
            }
        var packed = new PackedMatrix[points];
        fixed (float* pu = u)
            for (int p = 0; p < points; p++)
                packed[p] = new PackedMatrix(new MatrixRef(pu + p * plane, cin), cout, cin);
        return packed;
    }

    /// <summary>
    /// Convolves images <paramref name="first"/> … <paramref name="first"/>+<paramref name="count"/>−1 with the
    /// weights from <see cref="PackWeights"/>; <paramref name="bias"/> and <paramref name="residual"/> may be null.
    /// With <paramref name="parallel"/> the transforms are split over the cores by channels and the GEMMs by points.
    /// A single large image goes in bands of tile rows, so that its transformed inputs and products stay in the
    /// per-core cache between the transforms and the GEMMs.
    /// </summary>
    public static void Images(in Conv2dGeometry g, int first, int count, PackedMatrix[] packedWeights, float* bias, float* input, float* output,
        float min, float max, float* residual, bool parallel)
    {
        int points = Points(g), tilesW = TilesW(g), tilesH = TilesH(g);
        // Bands fit the per-core cache but keep the GEMMs at least TargetTiles wide; the rows are shared out evenly.
        int bandRows = tilesH;
        if (count == 1)
        {
            int fitting = (int)Math.Min(tilesH, BandFloats / ((long)points * (g.InChannels + g.OutChannels) * tilesW));
            int rows = Math.Max(fitting, (TargetTiles + tilesW - 1) / tilesW), bands = (tilesH + rows - 1) / rows;
            bandRows = (tilesH + bands - 1) / bands;
        }
        int tiles = count * bandRows * tilesW;
        long vSize = (long)points * g.InChannels * tiles, mSize = (long)points * g.OutChannels * tiles;
        float[] rented = ArrayPool<float>.Shared.Rent(checked((int)(vSize + mSize)));
        try
        {
            fixed (float* scratch = rented)
            {
                var geometry = g;
                nint v = (nint)scratch, m = (nint)(scratch + vSize), x = (nint)input, y = (nint)output, b = (nint)bias, z = (nint)residual;
                for (int row = 0; row < tilesH; row += bandRows)
                {
                    var rows = new TileRows(row, Math.Min(tilesH, row + bandRows));
                    int n = count * rows.Count * tilesW;
                    For(parallel, g.InChannels, (c0, c1) => TransformInputs(geometry, first, count, c0, c1, (float*)x, (float*)v, n, rows));
                    For(parallel, points, (p0, p1) =>
                    {
                        for (int p = p0; p < p1; p++)
                            Sgemm.Multiply(packedWeights[p], n, new MatrixRef((float*)v + (long)p * geometry.InChannels * n, n),
                                (float*)m + (long)p * geometry.OutChannels * n, n, GemmEpilogue.None, parallel: false);
                    });
                    For(parallel, g.OutChannels, (c0, c1) => TransformOutputs(geometry, first, count, c0, c1, (float*)m, n, (float*)y, (float*)b, min, max, (float*)z, rows));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void For(bool parallel, int count, Action<int, int> body)
    {
        if (parallel) Parallelism.For(count, body);
        else body(0, count);
    }

    /// <summary>Input transform of channels <paramref name="c0"/> … <paramref name="c1"/>−1 of the images' tile <paramref name="rows"/>, with its own zero-bordered scratch plane.</summary>
    private static void TransformInputs(in Conv2dGeometry g, int first, int count, int c0, int c1, float* input, float* v, int tiles, TileRows rows)
    {
        int size = TileSize(g), tilesW = TilesW(g);
        int paddedW = Lanes * size * ((tilesW + Lanes - 1) / Lanes) + size, paddedH = size * TilesH(g) + 2;
        float[] rented = ArrayPool<float>.Shared.Rent(paddedW * paddedH);
        try
        {
            fixed (float* padded = rented)
            {
                new Span<float>(padded, paddedW * paddedH).Clear();
                long inImage = (long)g.InChannels * g.InH * g.InW;
                for (int i = 0; i < count; i++)
                {
                    float* image = input + (first + i) * inImage;
                    int tileBase = i * rows.Count * tilesW;
                    if (size == WinogradF4x3.Size) WinogradF4x3.TransformInput(g, image, c0, c1, padded, paddedW, v, tiles, tileBase, rows);
                    else WinogradF2x3.TransformInput(g, image, c0, c1, padded, paddedW, v, tiles, tileBase, rows);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Copies the rows of one input channel that the windows of tile <paramref name="rows"/> (tiles of side
    /// <paramref name="tileSize"/>) read into the <see cref="ZeroBorderedPlane"/> <paramref name="padded"/>.
    /// </summary>
    internal static void CopyUnderBand(in Conv2dGeometry g, float* channel, float* padded, int paddedW, int tileSize, TileRows rows) =>
        ZeroBorderedPlane.CopyRows(g, channel, padded, paddedW, Math.Max(0, tileSize * rows.First - g.PadTop), Math.Min(g.InH, tileSize * rows.End + 2 - g.PadTop));

    /// <summary>Output transform (with the epilogue) of output channels <paramref name="c0"/> … <paramref name="c1"/>−1 of the images' tile <paramref name="rows"/>.</summary>
    private static void TransformOutputs(in Conv2dGeometry g, int first, int count, int c0, int c1, float* m, int tiles, float* output, float* bias,
        float min, float max, float* residual, TileRows rows)
    {
        nint residualOffset = residual == null ? 0 : (nint)((byte*)residual - (byte*)output);
        long outImage = (long)g.OutChannels * g.OutH * g.OutW;
        for (int i = 0; i < count; i++)
        {
            float* dst = output + (first + i) * outImage;
            int tileBase = i * rows.Count * TilesW(g);
            if (TileSize(g) == WinogradF4x3.Size)
                WinogradF4x3.TransformOutput(g, c0, c1, m, tiles, tileBase, dst, bias, min, max, residual != null, residualOffset, rows);
            else
                WinogradF2x3.TransformOutput(g, c0, c1, m, tiles, tileBase, dst, bias, min, max, residual != null, residualOffset, rows);
        }
    }
}
