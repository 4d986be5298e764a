using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Execution;

/// <summary>Gemm (alpha, beta, transposes, C broadcasting) and MatMul (N-D left operand) nodes against a naive product.</summary>
public class GemmNodeTests
{
    private static float[] Run(ModelGraph g, Tensor a)
    {
        using var executor = new GraphExecutor(g);
        using var y = executor.Run(a);
        return y.ToArray();
    }

    [Theory]
    [InlineData(false, false, new[] { 5 })]
    [InlineData(true, false, new[] { 3, 5 })]
    [InlineData(false, true, new[] { 3, 1 })]
    [InlineData(true, true, new int[0])]
    public void GemmMatchesNaive(bool transA, bool transB, int[] cShape)
    {
        const int m = 3, k = 7, n = 5;
        const float alpha = 0.5f, beta = -2f;
        var rng = new Random(cShape.Length * 4 + (transA ? 2 : 0) + (transB ? 1 : 0));
        float[] a = TestData.Random(rng, m * k), b = TestData.Random(rng, k * n), c = TestData.Random(rng, cShape.Aggregate(1, (p, d) => p * d));
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("a", transA ? [k, m] : [m, k]));
        g.Outputs.Add(new ValueInfo("y", [m, n]));
        g.Initializers["b"] = new Tensor(b, transB ? [n, k] : [k, n]);
        g.Initializers["c"] = new Tensor(c, cShape);
        g.Nodes.Add(new Node("gemm", OpKind.Gemm, ["a", "b", "c"], ["y"], new NodeAttributes()
            .Set("alpha", alpha).Set("beta", beta).Set("transA", transA ? 1 : 0).Set("transB", transB ? 1 : 0)));
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double)(transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                float cv = cShape.Length switch { 0 => c[0], 1 => c[j], _ => cShape[1] == 1 ? c[i] : c[i * n + j] };
                expected[i * n + j] = (float)(alpha * s + beta * cv);
            }
        TestData.AssertClose(expected, Run(g, new Tensor(a, transA ? [k, m] : [m, k])), 1e-5f, 1e-5f);
    }

    [Fact]
    public void MatMulFoldsLeadingDimensions()
    {
        var rng = new Random(8);
        float[] a = TestData.Random(rng, 2 * 3 * 4), b = TestData.Random(rng, 4 * 6);
        var g = new ModelGraph();
        g.Inputs.Add(new ValueInfo("a", [-1, 3, 4]));
        g.Outputs.Add(new ValueInfo("y", [-1, 3, 6]));
        g.Initializers["b"] = new Tensor(b, 4, 6);
        g.Nodes.Add(new Node("mm", OpKind.MatMul, ["a", "b"], ["y"]));
        var expected = new float[2 * 3 * 6];
        for (int r = 0; r < 6; r++)
            for (int j = 0; j < 6; j++)
                expected[r * 6 + j] = (float)Enumerable.Range(0, 4).Sum(p => (double)a[r * 4 + p] * b[p * 6 + j]);
        TestData.AssertClose(expected, Run(g, new Tensor(a, 2, 3, 4)), 1e-6f);
    }
}
