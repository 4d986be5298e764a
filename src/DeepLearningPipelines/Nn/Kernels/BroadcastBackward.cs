using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>The adjoint of broadcasting: sums a gradient of the broadcast shape down to an operand's shape.</summary>
internal static class BroadcastBackward
{
    /// <summary>
    /// <c>dx (+)= Σ dy</c> over the dimensions along which <paramref name="xShape"/> was broadcast to
    /// <paramref name="outShape"/> (written, or added with <paramref name="accumulate"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Reduce(ReadOnlySpan<float> dy, ReadOnlySpan<int> outShape, Span<float> dx, ReadOnlySpan<int> xShape, bool accumulate)
    {
        if (dx.Length == dy.Length)
        {
            ElementwiseGrad.Store(dy, dx, accumulate);
            return;
        }
        if (!accumulate) dx.Clear();
        if (dx.Length == 1)
        {
            dx[0] += (float)ElementwiseGrad.Sum(dy);
            return;
        }
        int rank = outShape.Length;
        Span<int> strides = stackalloc int[rank];
        int offset = rank - xShape.Length;
        for (int d = rank - 1, s = 1; d >= 0; d--)
        {
            int dim = d < offset ? 1 : xShape[d - offset];
            strides[d] = dim == 1 ? 0 : s;
            s *= dim;
        }
        int inner = outShape[rank - 1], innerStride = strides[rank - 1];
        int rows = inner == 0 ? 0 : dy.Length / inner;
        Span<int> index = stackalloc int[Math.Max(rank - 1, 0)];
        index.Clear();
        for (int r = 0; r < rows; r++)
        {
            int at = 0;
            for (int d = 0; d < rank - 1; d++) at += index[d] * strides[d];
            var row = dy.Slice(r * inner, inner);
            if (innerStride == 0) dx[at] += (float)ElementwiseGrad.Sum(row);
            else ElementwiseGrad.Add(row, dx.Slice(at, inner));
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
    }
}
