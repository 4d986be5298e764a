using DeepLearningPipelines.Core;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>NumPy-style (multidirectional) broadcasting of element-wise binary operations.</summary>
internal static class Broadcast
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, or a <see cref="ModelFormatException"/> naming both.</summary>
    public static int[] Shape(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ModelFormatException($"Shapes {Tensor.Format(a)} and {Tensor.Format(b)} cannot be broadcast together.");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Computes <c>y = a op b</c> with broadcasting; <paramref name="outShape"/> must be <see cref="Shape"/>(a, b).</summary>
    public static void Run(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<int> aShape, ReadOnlySpan<float> b, ReadOnlySpan<int> bShape, Span<float> y, ReadOnlySpan<int> outShape)
    {
        if (a.Length == y.Length && b.Length == y.Length)
        {
            Row(op, a, 0, 1, b, 0, 1, y);
            return;
        }
        if (b.Length == 1 || a.Length == 1)
        {
            Row(op, a, 0, a.Length == 1 ? 0 : 1, b, 0, b.Length == 1 ? 0 : 1, y);
            return;
        }
        int rank = outShape.Length;
        Span<int> sa = stackalloc int[rank], sb = stackalloc int[rank];
        Strides(aShape, outShape, sa);
        Strides(bShape, outShape, sb);
        int inner = rank == 0 ? 1 : outShape[rank - 1];
        int innerA = rank == 0 ? 0 : sa[rank - 1], innerB = rank == 0 ? 0 : sb[rank - 1];
        int rows = inner == 0 ? 0 : y.Length / inner;
        Span<int> index = stackalloc int[Math.Max(rank - 1, 0)];
        index.Clear();
        for (int r = 0; r < rows; r++)
        {
            int offA = 0, offB = 0;
            for (int d = 0; d < rank - 1; d++) { offA += index[d] * sa[d]; offB += index[d] * sb[d]; }
            Row(op, a, offA, innerA, b, offB, innerB, y.Slice(r * inner, inner));
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
    }

    private static void Strides(ReadOnlySpan<int> shape, ReadOnlySpan<int> outShape, Span<int> strides)
    {
        int rank = outShape.Length, offset = rank - shape.Length, stride = 1;
        for (int d = rank - 1; d >= 0; d--)
        {
            int dim = d < offset ? 1 : shape[d - offset];
            strides[d] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(BinaryOp op, ReadOnlySpan<float> a, int offA, int strideA, ReadOnlySpan<float> b, int offB, int strideB, Span<float> y)
    {
        int n = y.Length, i = 0;
        if (strideA == 1 && strideB == 1)
        {
            var va = a.Slice(offA, n);
            var vb = b.Slice(offB, n);
            for (; i <= n - 8; i += 8)
                Apply(op, Vector256.Create(va.Slice(i, 8)), Vector256.Create(vb.Slice(i, 8))).CopyTo(y.Slice(i, 8));
        }
        else if (strideA == 1 && strideB == 0)
        {
            var va = a.Slice(offA, n);
            var vb = Vector256.Create(b[offB]);
            for (; i <= n - 8; i += 8) Apply(op, Vector256.Create(va.Slice(i, 8)), vb).CopyTo(y.Slice(i, 8));
        }
        for (; i < n; i++) y[i] = Apply(op, a[offA + i * strideA], b[offB + i * strideB]);
    }

    private static Vector256<float> Apply(BinaryOp op, Vector256<float> a, Vector256<float> b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        _ => a / b,
    };

    private static float Apply(BinaryOp op, float a, float b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        _ => a / b,
    };
}
