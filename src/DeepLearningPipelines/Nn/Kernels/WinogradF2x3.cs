using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Transforms of Winograd's F(2×2, 3×3) for <see cref="WinogradConv2d"/>: 4×4 input windows, 16 points, 2×2 output
/// tiles (2.25× fewer multiplications than direct convolution). Works on 8 horizontally adjacent tiles at a time.
/// </summary>
internal static unsafe class WinogradF2x3
{
    /// <summary>Output tile side.</summary>
    public const int Size = 2;

    private const int Lanes = 8;

    /// <summary>Filter transform G (4×3): interpolation at 0, ±1 and ∞.</summary>
    public static readonly float[,] G = { { 1, 0, 0 }, { 0.5f, 0.5f, 0.5f }, { 0.5f, -0.5f, 0.5f }, { 0, 0, 1 } };

    /// <summary>
    /// Writes <c>V = Bᵀ·d·B</c> of the tiles in <paramref name="tileRows"/> of channels <paramref name="firstChannel"/> … <paramref name="lastChannel"/>−1
    /// of one image into <c>v[point][channel][tileBase + tile]</c> (tile 0 is the first of <paramref name="tileRows"/>); <paramref name="padded"/> is zeroed scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransformInput(in Conv2dGeometry g, float* image, int firstChannel, int lastChannel, float* padded, int paddedW,
        float* v, int tiles, int tileBase, TileRows tileRows)
    {
        int tilesW = (g.OutW + Size - 1) / Size, plane = g.InH * g.InW;
        long pointStride = (long)g.InChannels * tiles;
        for (int c = firstChannel; c < lastChannel; c++)
        {
            WinogradConv2d.CopyUnderBand(g, image + (long)c * plane, padded, paddedW, Size, tileRows);
            float* dstChannel = v + (long)c * tiles + tileBase;
            for (int ty = tileRows.First; ty < tileRows.End; ty++)
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
                    float* dst = dstChannel + (long)(ty - tileRows.First) * tilesW + tx;
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
        FastMath.StoreFirst(dst, valid, e0 - e2);
        FastMath.StoreFirst(dst + pointStride, valid, e1 + e2);
        FastMath.StoreFirst(dst + 2 * pointStride, valid, e2 - e1);
        FastMath.StoreFirst(dst + 3 * pointStride, valid, e1 - e3);
    }

    /// <summary>Applies <c>Y = Aᵀ·M·A</c> to the tiles in <paramref name="tileRows"/> of output channels <paramref name="firstChannel"/> … <paramref name="lastChannel"/>−1 of one image and stores the 2×2 outputs through the epilogue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransformOutput(in Conv2dGeometry g, int firstChannel, int lastChannel, float* m, int tiles, int tileBase, float* output, float* bias,
        float min, float max, bool hasResidual, nint residualOffset, TileRows tileRows)
    {
        int tilesW = (g.OutW + Size - 1) / Size, outW = g.OutW, plane = g.OutH * outW;
        long pointStride = (long)g.OutChannels * tiles;
        for (int oc = firstChannel; oc < lastChannel; oc++)
        {
            float b = bias == null ? 0f : bias[oc];
            float* srcChannel = m + (long)oc * tiles + tileBase;
            for (int ty = tileRows.First; ty < tileRows.End; ty++)
            {
                for (int tx = 0; tx < tilesW; tx += Lanes)
                {
                    float* s = srcChannel + (long)(ty - tileRows.First) * tilesW + tx;
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
        var m0 = FastMath.LoadFirst(s + column * pointStride, valid);
        var m1 = FastMath.LoadFirst(s + (4 + column) * pointStride, valid);
        var m2 = FastMath.LoadFirst(s + (8 + column) * pointStride, valid);
        var m3 = FastMath.LoadFirst(s + (12 + column) * pointStride, valid);
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
}
