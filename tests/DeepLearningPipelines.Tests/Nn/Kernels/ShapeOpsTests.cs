using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public class ShapeOpsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(3)]
    public void ConcatMatchesNaive(int axis)
    {
        int[] s1 = [2, 3, 4, 5], s2 = [2, 3, 4, 5];
        s2[axis] = 2;
        var rng = new Random(axis);
        float[] a = TestData.Random(rng, 120), b = TestData.Random(rng, 120 / s1[axis] * 2);
        int[] outShape = (int[])s1.Clone();
        outShape[axis] += 2;
        var y = new float[a.Length + b.Length];
        ShapeOps.Concat([new Tensor(a, s1), new Tensor(b, s2)], axis, y);
        for (int i = 0; i < y.Length; i++)
        {
            int[] idx = Unflatten(i, outShape);
            float expected = idx[axis] < s1[axis] ? a[Flatten(idx, s1)] : b[Flatten(Shifted(idx, axis, -s1[axis]), s2)];
            Assert.Equal(expected, y[i]);
        }
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 0, 1 })]
    [InlineData(new[] { 1, 5, 7, 3 }, new[] { 0, 3, 1, 2 })]
    [InlineData(new[] { 6 }, new[] { 0 })]
    public void TransposeMatchesNaive(int[] shape, int[] perm)
    {
        var (x, y) = (Sequence(shape), new float[shape.Aggregate(1, (p, d) => p * d)]);
        ShapeOps.Transpose(x, shape, perm, y);
        AssertTransposed(x, shape, perm, y);
    }

    // A batch of NHWC images large enough for the kernel to split the images over the cores, and one that is not.
    [Theory]
    [InlineData(new[] { 5, 100, 50, 3 }, new[] { 0, 3, 1, 2 })]
    [InlineData(new[] { 3, 4, 5, 6 }, new[] { 0, 2, 3, 1 })]
    [InlineData(new[] { 40, 60, 30 }, new[] { 2, 0, 1 })]
    public void TransposeKernelMatchesNaive(int[] shape, int[] perm)
    {
        var x = new Tensor(Sequence(shape), shape);
        var y = new Tensor(perm.Select(p => shape[p]).ToArray());
        new DeepLearningPipelines.Nn.Execution.Cpu.TransposeKernel(perm).Execute([x], [y]);
        AssertTransposed(x.ToArray(), shape, perm, y.ToArray());
    }

    private static float[] Sequence(int[] shape) => Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(i => (float)i).ToArray();

    private static void AssertTransposed(float[] x, int[] shape, int[] perm, float[] y)
    {
        int count = x.Length;
        int[] outShape = perm.Select(p => shape[p]).ToArray();
        for (int i = 0; i < count; i++)
        {
            int[] o = Unflatten(i, outShape);
            var src = new int[shape.Length];
            for (int d = 0; d < perm.Length; d++) src[perm[d]] = o[d];
            Assert.Equal(x[Flatten(src, shape)], y[i]);
        }
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 0, 0, 1, -1, 0, 1, 2, 0 })]
    [InlineData(new[] { 2, 3, 5, 5 }, new[] { 0, 0, 1, 2, 0, 0, 2, 1 })]
    [InlineData(new[] { 2, 3, 5, 5 }, new[] { 0, 1, -2, -1, 1, 0, 0, -3 })]
    [InlineData(new[] { 7 }, new[] { 3, -2 })]
    public void PadAddsAndCrops(int[] shape, int[] pads)
    {
        int rank = shape.Length;
        int[] outShape = shape.Select((d, i) => d + pads[i] + pads[i + rank]).ToArray();
        float[] x = Enumerable.Range(1, shape.Aggregate(1, (p, d) => p * d)).Select(i => (float)i).ToArray();
        var y = new float[outShape.Aggregate(1, (p, d) => p * d)];
        ShapeOps.Pad(x, shape, pads, -7f, y);
        for (int i = 0; i < y.Length; i++)
        {
            int[] o = Unflatten(i, outShape);
            int[] src = o.Select((v, d) => v - pads[d]).ToArray();
            bool inside = src.Select((v, d) => v >= 0 && v < shape[d]).All(b => b);
            Assert.Equal(inside ? x[Flatten(src, shape)] : -7f, y[i]);
        }
    }

    private static int[] Unflatten(int i, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { idx[d] = i % shape[d]; i /= shape[d]; }
        return idx;
    }

    private static int Flatten(int[] idx, int[] shape)
    {
        int f = 0;
        for (int d = 0; d < shape.Length; d++) f = f * shape[d] + idx[d];
        return f;
    }

    private static int[] Shifted(int[] idx, int axis, int delta)
    {
        var r = (int[])idx.Clone();
        r[axis] += delta;
        return r;
    }
}
