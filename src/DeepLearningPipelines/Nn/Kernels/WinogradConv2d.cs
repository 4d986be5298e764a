using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// 3×3 stride-1 convolution with padding 1 by Winograd's minimal filtering F(2×2, 3×3): each 4×4 input tile
/// (2×2 output pixels) is transformed into 16 values, 16 GEMMs <c>[OutChannels, InChannels]·[InChannels, tiles]</c>
/// multiply them by the transformed weights (2.25× fewer multiplications than direct convolution), and the inverse
/// transform yields the 2×2 outputs, with bias, residual and clamp applied as they are stored. The transforms
/// work on 8 horizontally adjacent tiles at a time.
/// </summary>
internal static unsafe class WinogradConv2d
{
    /// <summary>Transformed values per tile (a 4×4 window).</summary>
    public const int Points = 16;

    /// <summary>
    /// Tiles one run of images should span: the transformed input and the GEMM outputs of a run (16 values per tile
    /// and channel each) then stay in the per-core cache.
    /// </summary>
    public const int TargetTiles = 256;

    private const int Lanes = 8;

    /// <summary>Whether the geometry is a single-group 3×3 stride-1 dilation-1 convolution padded by 1 on every side.</summary>
    public static bool Applies(in Conv2dGeometry g) =>
        Avx2.IsSupported && g.Groups == 1 && g.KernelH == 3 && g.KernelW == 3 && g.StrideH == 1 && g.StrideW == 1
        && g.DilationH == 1 && g.DilationW == 1 && g.PadTop == 1 && g.PadLeft == 1 && g.PadBottom == 1 && g.PadRight == 1;

    /// <summary>2×2 output tiles per image.</summary>
    public static int TilesPerImage(in Conv2dGeometry g) => TilesH(g) * TilesW(g);

    private static int TilesH(in Conv2dGeometry g) => (g.OutH + 1) / 2;
    private static int TilesW(in Conv2dGeometry g) => (g.OutW + 1) / 2;

    /// <summary>Transforms the OIHW weights (<c>U = G·g·Gᵀ</c>) into 16 packed <c>[OutChannels, InChannels]</c> matrices.</summary>
    public static PackedMatrix[] PackWeights(in Conv2dGeometry g, float* weights)
    {
        int cout = g.OutChannels, cin = g.InChannels;
        var u = new float[Points * cout * cin];
        float* t = stackalloc float[12];
        for (int o = 0; o < cout; o++)
            for (int c = 0; c < cin; c++)
            {
                float* w = weights + ((long)o * cin + c) * 9;
                for (int j = 0; j < 3; j++)
                {
                    float g0 = w[j], g1 = w[3 + j], g2 = w[6 + j];
                    t[j] = g0;
                    t[3 + j] = 0.5f * (g0 + g1 + g2);
                    t[6 + j] = 0.5f * (g0 - g1 + g2);
                    t[9 + j] = g2;
                }
                for (int i = 0; i < 4; i++)
                {
                    float t0 = t[3 * i], t1 = t[3 * i + 1], t2 = t[3 * i + 2];
                    long at = (long)o * cin + c, plane = (long)cout * cin;
                    u[(4 * i + 0) * plane + at] = t0;
                    u[(4 * i + 1) * plane + at] = 0.5f * (t0 + t1 + t2);
                    u[(4 * i + 2) * plane + at] = 0.5f * (t0 - t1 + t2);
                    u[(4 * i + 3) * plane + at] = t2;
                }
            }
        var packed = new PackedMatrix[Points];
        fixed (float* pu = u)
            for (int p = 0; p < Points; p++)
                packed[p] = new PackedMatrix(new MatrixRef(pu + (long)p * cout * cin, cin), cout, cin);
        return packed;
    }

    /// <summary>
    /// Convolves images <paramref name="first"/> … <paramref name="first"/>+<paramref name="count"/>−1 with the
    /// weights from <see cref="PackWeights"/>; <paramref name="bias"/> and <paramref name="residual"/> may be null.
    /// </summary>
    public static void Images(in Conv2dGeometry g, int first, int count, PackedMatrix[] packedWeights, float* bias, float* input, float* output,
        float min, float max, float* residual, bool parallelGemm)
    {
        int tilesW = TilesW(g), tiles = count * TilesPerImage(g);
        int paddedW = Lanes * 2 * ((tilesW + Lanes - 1) / Lanes) + 2, paddedH = 2 * TilesH(g) + 2;
        long vSize = (long)Points * g.InChannels * tiles, mSize = (long)Points * g.OutChannels * tiles;
        float[] rented = ArrayPool<float>.Shared.Rent(checked((int)(vSize + mSize + paddedW * paddedH)));
        try
        {
            fixed (float* scratch = rented)
            {
                float* v = scratch, m = scratch + vSize, padded = m + mSize;
                new Span<float>(padded, paddedW * paddedH).Clear();
                long inImage = (long)g.InChannels * g.InH * g.InW, outImage = (long)g.OutChannels * g.OutH * g.OutW;
                for (int i = 0; i < count; i++)
                    TransformInput(g, input + (first + i) * inImage, padded, paddedW, v, tiles, i * TilesPerImage(g));
                for (int p = 0; p < Points; p++)
                    Sgemm.Multiply(packedWeights[p], tiles, new MatrixRef(v + (long)p * g.InChannels * tiles, tiles),
                        m + (long)p * g.OutChannels * tiles, tiles, GemmEpilogue.None, parallelGemm);
                nint residualOffset = residual == null ? 0 : (nint)((byte*)residual - (byte*)output);
                for (int i = 0; i < count; i++)
                    TransformOutput(g, m, tiles, i * TilesPerImage(g), output + (first + i) * outImage, bias, min, max, residual != null, residualOffset);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Writes <c>V = Bᵀ·d·B</c> of every tile of one image into <c>v[point][channel][tileBase + tile]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformInput(in Conv2dGeometry g, float* image, float* padded, int paddedW, float* v, int tiles, int tileBase)
    {
        int tilesH = TilesH(g), tilesW = TilesW(g), plane = g.InH * g.InW;
        long pointStride = (long)g.InChannels * tiles;
        for (int c = 0; c < g.InChannels; c++)
        {
            // The image sits at (1, 1) inside a zero border; the border is never written.
            float* src = image + (long)c * plane;
            for (int y = 0; y < g.InH; y++)
                new ReadOnlySpan<float>(src + (long)y * g.InW, g.InW).CopyTo(new Span<float>(padded + (long)(y + 1) * paddedW + 1, g.InW));
            float* dstChannel = v + (long)c * tiles + tileBase;
            for (int ty = 0; ty < tilesH; ty++)
            {
                for (int tx = 0; tx < tilesW; tx += Lanes)
                {
                    float* r = padded + (long)2 * ty * paddedW + 2 * tx;
                    Row(r, out var d00, out var d01, out var d02, out var d03);
                    Row(r + paddedW, out var d10, out var d11, out var d12, out var d13);
                    Row(r + 2 * paddedW, out var d20, out var d21, out var d22, out var d23);
                    Row(r + 3 * paddedW, out var d30, out var d31, out var d32, out var d33);
                    // Bᵀ·d over rows, then ·B over columns.
                    var e00 = d00 - d20; var e01 = d01 - d21; var e02 = d02 - d22; var e03 = d03 - d23;
                    var e10 = d10 + d20; var e11 = d11 + d21; var e12 = d12 + d22; var e13 = d13 + d23;
                    var e20 = d20 - d10; var e21 = d21 - d11; var e22 = d22 - d12; var e23 = d23 - d13;
                    var e30 = d10 - d30; var e31 = d11 - d31; var e32 = d12 - d32; var e33 = d13 - d33;
                    float* dst = dstChannel + (long)ty * tilesW + tx;
                    int valid = Math.Min(Lanes, tilesW - tx);
                    Columns(dst, pointStride, valid, e00, e01, e02, e03);
                    Columns(dst + 4 * pointStride, pointStride, valid, e10, e11, e12, e13);
                    Columns(dst + 8 * pointStride, pointStride, valid, e20, e21, e22, e23);
                    Columns(dst + 12 * pointStride, pointStride, valid, e30, e31, e32, e33);
                }
            }
        }
    }

    /// <summary>Columns 0–3 of one window row for 8 adjacent tiles (tile k starts at <c>r[2k]</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Row(float* r, out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3)
    {
        Deinterleave(Avx.LoadVector256(r), Avx.LoadVector256(r + 8), out c0, out c1);
        Deinterleave(Avx.LoadVector256(r + 2), Avx.LoadVector256(r + 10), out c2, out c3);
    }

    /// <summary>Stores the four column-transformed values of one row of <c>Bᵀ·d</c>, each to its own point plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns(float* dst, long pointStride, int valid, Vector256<float> e0, Vector256<float> e1, Vector256<float> e2, Vector256<float> e3)
    {
        Store(dst, valid, e0 - e2);
        Store(dst + pointStride, valid, e1 + e2);
        Store(dst + 2 * pointStride, valid, e2 - e1);
        Store(dst + 3 * pointStride, valid, e1 - e3);
    }

    /// <summary>Applies <c>Y = Aᵀ·M·A</c> to every tile of one image and stores the 2×2 outputs through the epilogue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransformOutput(in Conv2dGeometry g, float* m, int tiles, int tileBase, float* output, float* bias,
        float min, float max, bool hasResidual, nint residualOffset)
    {
        int tilesH = TilesH(g), tilesW = TilesW(g), outW = g.OutW, plane = g.OutH * outW;
        long pointStride = (long)g.OutChannels * tiles;
        for (int oc = 0; oc < g.OutChannels; oc++)
        {
            float b = bias == null ? 0f : bias[oc];
            float* srcChannel = m + (long)oc * tiles + tileBase;
            for (int ty = 0; ty < tilesH; ty++)
            {
                for (int tx = 0; tx < tilesW; tx += Lanes)
                {
                    float* s = srcChannel + (long)ty * tilesW + tx;
                    int valid = Math.Min(Lanes, tilesW - tx);
                    // Aᵀ·M over rows: row 0 = m0 + m1 + m2, row 1 = m1 − m2 − m3, for each of the 4 columns.
                    ColumnSums(s, pointStride, valid, 0, out var s00, out var s10);
                    ColumnSums(s, pointStride, valid, 1, out var s01, out var s11);
                    ColumnSums(s, pointStride, valid, 2, out var s02, out var s12);
                    ColumnSums(s, pointStride, valid, 3, out var s03, out var s13);
                    int oy = 2 * ty, ox = 2 * tx, width = Math.Min(2 * Lanes, outW - ox);
                    float* dst = output + (long)oc * plane + (long)oy * outW + ox;
                    StoreOutputRow(dst, width, s00 + s01 + s02, s01 - s02 - s03, b, min, max, hasResidual, residualOffset);
                    if (oy + 1 < g.OutH)
                        StoreOutputRow(dst + outW, width, s10 + s11 + s12, s11 - s12 - s13, b, min, max, hasResidual, residualOffset);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ColumnSums(float* s, long pointStride, int valid, int column, out Vector256<float> row0, out Vector256<float> row1)
    {
        var m0 = Load(s + column * pointStride, valid);
        var m1 = Load(s + (4 + column) * pointStride, valid);
        var m2 = Load(s + (8 + column) * pointStride, valid);
        var m3 = Load(s + (12 + column) * pointStride, valid);
        row0 = m0 + m1 + m2;
        row1 = m1 - m2 - m3;
    }

    /// <summary>Interleaves the even (<paramref name="y0"/>) and odd (<paramref name="y1"/>) output columns of 8 tiles and stores <paramref name="width"/> of them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOutputRow(float* dst, int width, Vector256<float> y0, Vector256<float> y1, float bias, float min, float max,
        bool hasResidual, nint residualOffset)
    {
        var lo = Avx.UnpackLow(y0, y1);
        var hi = Avx.UnpackHigh(y0, y1);
        var first = Avx.Permute2x128(lo, hi, 0x20);
        var second = Avx.Permute2x128(lo, hi, 0x31);
        var b = Vector256.Create(bias);
        first += b;
        second += b;
        if (width == 2 * Lanes)
        {
            if (hasResidual)
            {
                float* z = (float*)((byte*)dst + residualOffset);
                first += Avx.LoadVector256(z);
                second += Avx.LoadVector256(z + Lanes);
            }
            var lower = Vector256.Create(min);
            var upper = Vector256.Create(max);
            Avx.Store(dst, FastMath.Clamp(first, lower, upper));
            Avx.Store(dst + Lanes, FastMath.Clamp(second, lower, upper));
            return;
        }
        float* row = stackalloc float[2 * Lanes];
        Avx.Store(row, first);
        Avx.Store(row + Lanes, second);
        for (int j = 0; j < width; j++)
        {
            float value = row[j];
            if (hasResidual) value += *(float*)((byte*)(dst + j) + residualOffset);
            dst[j] = FastMath.Clamp(value, min, max);
        }
    }

    /// <summary>Splits 16 consecutive floats into the 8 at even and the 8 at odd positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deinterleave(Vector256<float> a, Vector256<float> b, out Vector256<float> even, out Vector256<float> odd)
    {
        even = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();
        odd = Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load(float* src, int valid) =>
        valid == Lanes ? Avx.LoadVector256(src) : Avx.MaskLoad(src, Mask(valid));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* dst, int valid, Vector256<float> value)
    {
        if (valid == Lanes) Avx.Store(dst, value);
        else Avx.MaskStore(dst, Mask(valid), value);
    }

    /// <summary>Lanes 0 … <paramref name="valid"/>−1 selected (sign bit set).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mask(int valid) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(valid)).AsSingle();
}
