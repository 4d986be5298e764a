using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Transforms of Winograd's F(4×4, 3×3) for <see cref="WinogradConv2d"/>: 6×6 input windows, 36 points, 4×4 output
/// tiles (4× fewer multiplications than direct convolution). Works on 8 horizontally adjacent tiles at a time.
/// </summary>
internal static unsafe class WinogradF4x3
{
    /// <summary>Output tile side.</summary>
    public const int Size = 4;

    private const int Window = Size + 2, Points = Window * Window, Lanes = 8;

    /// <summary>Filter transform G (6×3): interpolation at 0, ±1, ±2 and ∞.</summary>
    public static readonly float[,] G =
    {
        { 1 / 4f, 0, 0 }, { -1 / 6f, -1 / 6f, -1 / 6f }, { -1 / 6f, 1 / 6f, -1 / 6f },
        { 1 / 24f, 1 / 12f, 1 / 6f }, { 1 / 24f, -1 / 12f, 1 / 6f }, { 0, 0, 1 },
    };

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
        var rows = stackalloc Vector256<float>[Points];
        var column = stackalloc Vector256<float>[Window];
        for (int c = firstChannel; c < lastChannel; c++)
        {
            WinogradConv2d.CopyUnderBand(g, image + (long)c * plane, padded, paddedW, Size, tileRows);
            float* dstChannel = v + (long)c * tiles + tileBase;
            for (int ty = tileRows.First; ty < tileRows.End; ty++)
            {
                for (int tx = 0; tx < tilesW; tx += Lanes)
                {
                    // d·B along each window row, then Bᵀ· down each column.
                    for (int i = 0; i < Window; i++)
                    {
                        float* r = padded + (long)(Size * ty + i) * paddedW + Size * tx;
                        Deinterleave4(r, out var d0, out var d1, out var d2, out var d3);
                        Deinterleave4(r + Size, out var d4, out var d5, out _, out _);
                        Transform(d0, d1, d2, d3, d4, d5, rows + i * Window);
                    }
                    float* dst = dstChannel + (long)(ty - tileRows.First) * tilesW + tx;
                    int valid = Math.Min(Lanes, tilesW - tx);
                    for (int j = 0; j < Window; j++)
                    {
                        Transform(rows[j], rows[Window + j], rows[2 * Window + j], rows[3 * Window + j], rows[4 * Window + j], rows[5 * Window + j], column);
                        for (int i = 0; i < Window; i++) FastMath.StoreFirst(dst + (i * Window + j) * pointStride, valid, column[i]);
                    }
                }
            }
        }
    }

    /// <summary>The input transform Bᵀ applied to one 6-vector: <paramref name="y"/>[0..5] = Bᵀ·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transform(Vector256<float> x0, Vector256<float> x1, Vector256<float> x2, Vector256<float> x3, Vector256<float> x4, Vector256<float> x5,
        Vector256<float>* y)
    {
        var four = Vector256.Create(4f);
        var two = Vector256.Create(2f);
        var five = Vector256.Create(5f);
        y[0] = four * x0 - five * x2 + x4;
        y[1] = x3 + x4 - four * (x1 + x2);
        y[2] = x4 - x3 + four * (x1 - x2);
        y[3] = x4 - x2 + two * (x3 - x1);
        y[4] = x4 - x2 - two * (x3 - x1);
        y[5] = four * x1 - five * x3 + x5;
    }

    /// <summary>Applies <c>Y = Aᵀ·M·A</c> to the tiles in <paramref name="tileRows"/> of output channels <paramref name="firstChannel"/> … <paramref name="lastChannel"/>−1 of one image and stores the 4×4 outputs through the epilogue.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransformOutput(in Conv2dGeometry g, int firstChannel, int lastChannel, float* m, int tiles, int tileBase, float* output, float* bias,
        float min, float max, bool hasResidual, nint residualOffset, TileRows tileRows)
    {
        int tilesW = (g.OutW + Size - 1) / Size, outW = g.OutW, plane = g.OutH * outW;
        long pointStride = (long)g.OutChannels * tiles;
        var rows = stackalloc Vector256<float>[Window * Size];
        var y = stackalloc Vector256<float>[Size * Size];
        var interleaved = stackalloc Vector256<float>[Size];
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
                    // M·A along each row, then Aᵀ· down each column.
                    for (int i = 0; i < Window; i++)
                    {
                        float* row = s + i * Window * pointStride;
                        InverseTransform(FastMath.LoadFirst(row, valid), FastMath.LoadFirst(row + pointStride, valid), FastMath.LoadFirst(row + 2 * pointStride, valid),
                            FastMath.LoadFirst(row + 3 * pointStride, valid), FastMath.LoadFirst(row + 4 * pointStride, valid), FastMath.LoadFirst(row + 5 * pointStride, valid), rows + i * Size, 1);
                    }
                    for (int j = 0; j < Size; j++)
                        InverseTransform(rows[j], rows[Size + j], rows[2 * Size + j], rows[3 * Size + j], rows[4 * Size + j], rows[5 * Size + j], y + j, Size);
                    int oy = Size * ty, ox = Size * tx, width = Math.Min(Size * Lanes, outW - ox);
                    float* dst = output + (long)oc * plane + (long)oy * outW + ox;
                    for (int r = 0; r < Size && oy + r < g.OutH; r++)
                        StoreOutputRow(dst + (long)r * outW, width, y + r * Size, interleaved, b, min, max, hasResidual, residualOffset);
                }
            }
        }
    }

    /// <summary>The output transform Aᵀ applied to one 6-vector: <c>y[k·stride]</c>, k = 0..3, = Aᵀ·m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InverseTransform(Vector256<float> m0, Vector256<float> m1, Vector256<float> m2, Vector256<float> m3, Vector256<float> m4, Vector256<float> m5,
        Vector256<float>* y, int stride)
    {
        var a = m1 + m2;
        var b = m1 - m2;
        var c = m3 + m4;
        var d = m3 - m4;
        y[0] = m0 + a + c;
        y[stride] = b + Vector256.Create(2f) * d;
        y[2 * stride] = a + Vector256.Create(4f) * c;
        y[3 * stride] = b + Vector256.Create(8f) * d + m5;
    }

    /// <summary>
    /// Interleaves the 4 output columns <paramref name="y"/>[0..3] of 8 tiles into <paramref name="row"/> and stores
    /// <paramref name="width"/> of the 32 values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOutputRow(float* dst, int width, Vector256<float>* y, Vector256<float>* row, float bias, float min, float max, bool hasResidual, nint residualOffset)
    {
        var t0 = Avx.UnpackLow(y[0], y[1]);
        var t1 = Avx.UnpackHigh(y[0], y[1]);
        var t2 = Avx.UnpackLow(y[2], y[3]);
        var t3 = Avx.UnpackHigh(y[2], y[3]);
        var u0 = Avx.Shuffle(t0, t2, 0b01_00_01_00);
        var u1 = Avx.Shuffle(t0, t2, 0b11_10_11_10);
        var u2 = Avx.Shuffle(t1, t3, 0b01_00_01_00);
        var u3 = Avx.Shuffle(t1, t3, 0b11_10_11_10);
        var b = Vector256.Create(bias);
        row[0] = Avx.Permute2x128(u0, u1, 0x20) + b;
        row[1] = Avx.Permute2x128(u2, u3, 0x20) + b;
        row[2] = Avx.Permute2x128(u0, u1, 0x31) + b;
        row[3] = Avx.Permute2x128(u2, u3, 0x31) + b;
        if (width == Size * Lanes)
        {
            var lower = Vector256.Create(min);
            var upper = Vector256.Create(max);
            float* z = (float*)((byte*)dst + residualOffset);
            for (int k = 0; k < 4; k++)
            {
                var value = row[k];
                if (hasResidual) value += Avx.LoadVector256(z + k * Lanes);
                Avx.Store(dst + k * Lanes, FastMath.Clamp(value, lower, upper));
            }
            return;
        }
        float* values = (float*)row;
        for (int j = 0; j < width; j++)
        {
            float value = values[j];
            if (hasResidual) value += *(float*)((byte*)(dst + j) + residualOffset);
            dst[j] = FastMath.Clamp(value, min, max);
        }
    }

    /// <summary>Splits 32 consecutive floats (8 groups of 4) into the 8 first, second, third and fourth elements of the groups.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Deinterleave4(float* src, out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3)
    {
        var a = Avx.LoadVector256(src);
        var b = Avx.LoadVector256(src + 8);
        var c = Avx.LoadVector256(src + 16);
        var d = Avx.LoadVector256(src + 24);
        var u0 = Avx.Permute2x128(a, c, 0x20);
        var u1 = Avx.Permute2x128(a, c, 0x31);
        var u2 = Avx.Permute2x128(b, d, 0x20);
        var u3 = Avx.Permute2x128(b, d, 0x31);
        var t0 = Avx.UnpackLow(u0, u1);
        var t1 = Avx.UnpackHigh(u0, u1);
        var t2 = Avx.UnpackLow(u2, u3);
        var t3 = Avx.UnpackHigh(u2, u3);
        c0 = Avx.Shuffle(t0, t2, 0b01_00_01_00);
        c1 = Avx.Shuffle(t0, t2, 0b11_10_11_10);
        c2 = Avx.Shuffle(t1, t3, 0b01_00_01_00);
        c3 = Avx.Shuffle(t1, t3, 0b11_10_11_10);
    }
}
