using System.Runtime.CompilerServices;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>Data-movement kernels: concatenation, transposition and constant padding of C-order tensors.</summary>
internal static class ShapeOps
{
    /// <summary>Concatenates tensors along <paramref name="axis"/>; all shapes agree except on that axis.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Concat(IReadOnlyList<Tensor?> inputs, int axis, Span<float> y)
    {
        int[] shape0 = inputs[0]!.Shape;
        int outer = 1;
        for (int d = 0; d < axis; d++) outer *= shape0[d];
        int outBlock = outer == 0 ? 0 : y.Length / outer, offset = 0;
        foreach (var input in inputs)
        {
            int block = outer == 0 ? 0 : input!.Length / outer;
            for (int o = 0; o < outer; o++)
                input!.Span.Slice(o * block, block).CopyTo(y.Slice(o * outBlock + offset, block));
            offset += block;
        }
    }

    /// <summary>Output dimension d is input dimension <c>perm[d]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<float> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> perm, Span<float> y)
    {
        int rank = shape.Length;
        Span<int> inStrides = stackalloc int[rank], outShape = stackalloc int[rank], stride = stackalloc int[rank], index = stackalloc int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) { inStrides[d] = s; s *= shape[d]; }
        for (int d = 0; d < rank; d++) { outShape[d] = shape[perm[d]]; stride[d] = inStrides[perm[d]]; }
        if (rank == 0) { y[0] = x[0]; return; }
        // Row by row along the last output dimension (a fixed input stride), then advance the outer index.
        int width = outShape[rank - 1], step = stride[rank - 1];
        index.Clear();
        int src = 0;
        for (int rowStart = 0; rowStart < y.Length; rowStart += width)
        {
            var row = y.Slice(rowStart, width);
            for (int k = 0; k < row.Length; k++) row[k] = x[src + k * step];
            for (int d = rank - 2; d >= 0; d--)
            {
                src += stride[d];
                if (++index[d] < outShape[d]) break;
                src -= stride[d] * outShape[d];
                index[d] = 0;
            }
        }
    }

    /// <summary>
    /// Constant padding: <paramref name="pads"/> holds the begin pads of every dimension, then the end pads
    /// (ONNX order); negative pads crop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pad(ReadOnlySpan<float> x, ReadOnlySpan<int> shape, ReadOnlySpan<int> pads, float value, Span<float> y)
    {
        int rank = shape.Length;
        if (rank == 0) { y[0] = x[0]; return; }
        Span<int> outShape = stackalloc int[rank], inStrides = stackalloc int[rank], index = stackalloc int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) { inStrides[d] = s; s *= shape[d]; outShape[d] = shape[d] + pads[d] + pads[d + rank]; }
        // Row by row along the last dimension: fill, copy the overlapping run, fill.
        int width = shape[rank - 1], outWidth = outShape[rank - 1], before = pads[rank - 1];
        int copyBegin = Math.Clamp(before, 0, outWidth), copyEnd = Math.Clamp(width + before, copyBegin, outWidth);
        index.Clear();
        for (int rowStart = 0; rowStart < y.Length; rowStart += outWidth)
        {
            var row = y.Slice(rowStart, outWidth);
            int src = 0;
            bool inside = true;
            for (int d = 0; d < rank - 1 && inside; d++)
            {
                int p = index[d] - pads[d];
                inside = (uint)p < (uint)shape[d];
                src += p * inStrides[d];
            }
            if (!inside)
            {
                row.Fill(value);
            }
            else
            {
                row[..copyBegin].Fill(value);
                x.Slice(src + copyBegin - before, copyEnd - copyBegin).CopyTo(row[copyBegin..copyEnd]);
                row[copyEnd..].Fill(value);
            }
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
    }
}
