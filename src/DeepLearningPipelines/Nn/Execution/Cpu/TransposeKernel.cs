using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>Transpose node; when the first axis stays first (a layout change per image), the images are spread over the cores.</summary>
internal sealed class TransposeKernel(int[] perm) : IKernel
{
    /// <summary>Elements below which one thread does the whole transpose.</summary>
    private const int MinParallelElements = 1 << 16;

    /// <summary>The permutation of the axes after the first, when the first stays first; otherwise null.</summary>
    private readonly int[]? _innerPerm = perm.Length >= 2 && perm[0] == 0 ? perm[1..].Select(p => p - 1).ToArray() : null;

    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        var x = inputs[0]!;
        var y = outputs[0];
        int[] shape = x.Shape;
        if (_innerPerm is not { } innerPerm || shape[0] == 1 || x.Length < MinParallelElements)
        {
            ShapeOps.Transpose(x.Span, shape, perm, y.Span);
            return;
        }
        int[] inner = shape[1..];
        int block = x.Length / shape[0];
        float[] source = x.Buffer, target = y.Buffer;
        Parallelism.For(shape[0], (first, last) =>
        {
            for (int n = first; n < last; n++)
                ShapeOps.Transpose(source.AsSpan(n * block, block), inner, innerPerm, target.AsSpan(n * block, block));
        });
    }
}
