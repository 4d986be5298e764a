using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public class ElementwiseTests
{
    [Theory]
    [InlineData("Relu")]
    [InlineData("Relu6")]
    [InlineData("Clip")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("Silu")]
    [InlineData("HardSwish")]
    public void ActivationsMatchDefinitions(string kindName)
    {
        var kind = Enum.Parse<ActivationKind>(kindName);
        float[] x = TestData.Random(new Random((int)kind), 1003, scale: 10f);
        x[0] = 0f; x[1] = -3f; x[2] = 3f; x[3] = 6f; x[4] = -100f; x[5] = 100f;
        Func<double, double> f = kind switch
        {
            ActivationKind.Relu => v => Math.Max(v, 0),
            ActivationKind.Relu6 => v => Math.Min(Math.Max(v, 0), 6),
            ActivationKind.Clip => v => Math.Min(Math.Max(v, -1.5), 2.5),
            ActivationKind.Sigmoid => v => 1 / (1 + Math.Exp(-v)),
            ActivationKind.Tanh => Math.Tanh,
            ActivationKind.Silu => v => v / (1 + Math.Exp(-v)),
            _ => v => v * Math.Min(Math.Max(v + 3, 0), 6) / 6,
        };
        var expected = x.Select(v => (float)f(v)).ToArray();
        var y = new float[x.Length];
        Activations.Apply(kind, x, y, -1.5f, 2.5f);
        TestData.AssertClose(expected, y, 1e-6f, 1e-6f, kind.ToString());
        Activations.Apply(kind, x, x, -1.5f, 2.5f);
        TestData.AssertClose(expected, x, 1e-6f, 1e-6f, kind + " in place");
    }

    [Fact]
    public void ClampingKeepsNaN()
    {
        float[] x = [float.NaN, -1f, float.NaN, 2f, 0f, -0f, 7f, float.NaN, float.NaN];
        var y = new float[x.Length];
        foreach (var kind in new[] { ActivationKind.Relu, ActivationKind.Relu6, ActivationKind.Clip })
        {
            Activations.Apply(kind, x, y, -0.5f, 1f);
            for (int i = 0; i < x.Length; i++) Assert.Equal(float.IsNaN(x[i]), float.IsNaN(y[i]));
        }
    }

    [Theory]
    [InlineData(2, 7, 3)]
    [InlineData(1, 1000, 1)]
    [InlineData(4, 1, 5)]
    public void SoftmaxMatchesNaive(int outer, int axis, int inner)
    {
        float[] x = TestData.Random(new Random(axis), outer * axis * inner, scale: 20f);
        var expected = new float[x.Length];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                double sum = 0;
                for (int a = 0; a < axis; a++) sum += Math.Exp(x[(o * axis + a) * inner + i]);
                for (int a = 0; a < axis; a++) expected[(o * axis + a) * inner + i] = (float)(Math.Exp(x[(o * axis + a) * inner + i]) / sum);
            }
        var y = new float[x.Length];
        Softmax.Run(x, y, outer, axis, inner);
        TestData.AssertClose(expected, y, 1e-6f, 1e-5f);
    }

    public static IEnumerable<object[]> BroadcastCases() =>
    [
        [new[] { 2, 3, 4 }, new[] { 2, 3, 4 }],
        [new[] { 2, 3, 4, 5 }, new[] { 3, 1, 1 }],
        [new[] { 1 }, new[] { 3, 17 }],
        [new[] { 4, 1, 9 }, new[] { 5, 1 }],
        [new int[0], new[] { 2, 2 }],
        [new[] { 1, 7, 1, 1 }, new[] { 2, 7, 3, 11 }],
    ];

    [Theory]
    [MemberData(nameof(BroadcastCases))]
    public void BroadcastingMatchesNaive(int[] aShape, int[] bShape)
    {
        var rng = new Random(aShape.Length * 10 + bShape.Length);
        float[] a = TestData.Random(rng, aShape.Aggregate(1, (p, d) => p * d)), b = TestData.Random(rng, bShape.Aggregate(1, (p, d) => p * d));
        for (int i = 0; i < b.Length; i++) if (MathF.Abs(b[i]) < 0.1f) b[i] = 0.5f;
        int[] outShape = Broadcast.Shape(aShape, bShape);
        int rank = outShape.Length, count = outShape.Aggregate(1, (p, d) => p * d);
        foreach (BinaryOp op in Enum.GetValues<BinaryOp>())
        {
            var expected = new float[count];
            for (int i = 0; i < count; i++)
            {
                var idx = new int[rank];
                for (int d = rank - 1, r = i; d >= 0; d--) { idx[d] = r % outShape[d]; r /= outShape[d]; }
                float va = a[Flat(idx, aShape)], vb = b[Flat(idx, bShape)];
                expected[i] = op switch { BinaryOp.Add => va + vb, BinaryOp.Sub => va - vb, BinaryOp.Mul => va * vb, _ => va / vb };
            }
            var y = new float[count];
            Broadcast.Run(op, a, aShape, b, bShape, y, outShape);
            TestData.AssertClose(expected, y, 0f, 1e-6f, op.ToString());
        }
    }

    private static int Flat(int[] outIndex, int[] shape)
    {
        int flat = 0, offset = outIndex.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : outIndex[d + offset]);
        return flat;
    }

    [Fact]
    public void IncompatibleShapesNameBoth()
    {
        var ex = Assert.Throws<ModelFormatException>(() => Broadcast.Shape([2, 3], [4]));
        Assert.Contains("[2,3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
    }
}
