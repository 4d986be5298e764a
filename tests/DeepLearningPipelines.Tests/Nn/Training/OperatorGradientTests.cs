using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>Every operator's backward pass against finite differences in double precision (see <see cref="GradientCheck"/>).</summary>
public class OperatorGradientTests
{
    /// <summary>batch, in, out, H, W, kernel H, kernel W, stride H, stride W, pads (t, l, b, r), dilation, group.</summary>
    public static IEnumerable<object[]> Convolutions() =>
    [
        [1, 3, 5, 7, 6, 3, 3, 1, 1, new[] { 1, 1, 1, 1 }, 1, 1],
        [2, 4, 6, 9, 8, 3, 3, 2, 2, new[] { 1, 0, 2, 1 }, 1, 2],
        [2, 3, 4, 8, 7, 2, 3, 1, 1, new[] { 0, 0, 0, 0 }, 2, 1],
        [3, 6, 6, 7, 7, 3, 3, 1, 1, new[] { 1, 1, 1, 1 }, 1, 6],
        [2, 4, 8, 6, 5, 3, 3, 2, 2, new[] { 1, 1, 1, 1 }, 1, 4],
        [1, 5, 3, 5, 5, 1, 1, 1, 1, new[] { 0, 0, 0, 0 }, 1, 1],
        [2, 4, 4, 5, 5, 5, 1, 1, 2, new[] { 2, 0, 2, 0 }, 1, 1],
        [1, 2, 2, 7, 9, 3, 3, 2, 3, new[] { 1, 2, 0, 1 }, 2, 2],
        [3, 1, 32, 9, 7, 3, 3, 1, 1, new[] { 1, 1, 1, 1 }, 1, 1],
    ];

    /// <summary>A pointwise convolution (its weights see the tested convolution's input gradient), then the convolution under test, MSE.</summary>
    [Theory]
    [MemberData(nameof(Convolutions))]
    public void Conv(int batch, int cin, int cout, int h, int w, int kh, int kw, int sh, int sw, int[] pads, int dilation, int group)
    {
        var rng = new Random(batch * 1000 + cin * 100 + kh * 10 + group);
        var b = new GraphBuilder().Input("x", -1, cin, h, w);
        b.Node("c0", OpKind.Conv, ["x", b.Weight("c0.w", TestData.Random(rng, cin * cin, 0.5f), cin, cin, 1, 1)]);
        b.Node("conv", OpKind.Conv, ["c0", b.Weight("conv.w", TestData.Random(rng, cout * (cin / group) * kh * kw, 0.5f), cout, cin / group, kh, kw),
            b.Weight("conv.b", TestData.Random(rng, cout, 0.5f), cout)],
            new NodeAttributes().Set("strides", new[] { sh, sw }).Set("pads", pads).Set("dilations", new[] { dilation, dilation }).Set("group", group));
        var graph = b.Output("conv", -1, cout, -1, -1);
        var shapes = ShapeInference.Infer(graph, GraphSorter.Sort(graph), new Dictionary<string, int[]> { ["x"] = [batch, cin, h, w] });
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1f, batch, cin, h, w), LossKind.MeanSquaredError, GradientCheck.Random(rng, 1f, shapes["conv"]));
    }

    /// <summary>Gemm with α, β, a broadcast C, Tanh, MatMul, a bias Add, fused softmax cross-entropy against probabilities.</summary>
    [Fact]
    public void DenseLayersWithCategoricalCrossEntropy()
    {
        var rng = new Random(1);
        var b = new GraphBuilder().Input("x", -1, 5);
        b.Node("g", OpKind.Gemm, ["x", b.Weight("g.w", TestData.Random(rng, 35, 0.5f), 5, 7), b.Weight("g.c", TestData.Random(rng, 7), 1, 7)],
            new NodeAttributes().Set("alpha", 0.7f).Set("beta", 0.5f));
        b.Node("t", OpKind.Tanh, ["g"]);
        b.Node("m", OpKind.MatMul, ["t", b.Weight("m.w", TestData.Random(rng, 28), 7, 4)]);
        b.Node("bias", OpKind.Add, ["m", b.Weight("m.b", TestData.Random(rng, 4), 4)]);
        b.Node("p", OpKind.Softmax, ["bias"], new NodeAttributes().Set("axis", -1));
        var graph = b.Output("p", -1, 4);
        float[] probabilities = TestData.Random(rng, 12).Select(v => v + 1.5f).ToArray();
        for (int r = 0; r < 3; r++)
        {
            float sum = probabilities.Skip(r * 4).Take(4).Sum();
            for (int c = 0; c < 4; c++) probabilities[r * 4 + c] /= sum;
        }
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1f, 3, 5), LossKind.CategoricalCrossEntropy, new Tensor(probabilities, 3, 4));
    }

    /// <summary>Gemm with transposed operands (A from a Transpose), C of shape [1, n], Sigmoid (not fused with MSE).</summary>
    [Fact]
    public void TransposedGemmAndSigmoid()
    {
        var rng = new Random(2);
        var b = new GraphBuilder().Input("x", -1, 3);
        b.Node("a", OpKind.MatMul, ["x", b.Weight("a.w", TestData.Random(rng, 15), 3, 5)]);
        b.Node("at", OpKind.Transpose, ["a"], new NodeAttributes().Set("perm", new[] { 1, 0 }));
        b.Node("g", OpKind.Gemm, ["at", b.Weight("g.w", TestData.Random(rng, 30), 6, 5), b.Weight("g.c", TestData.Random(rng, 6), 1, 6)],
            new NodeAttributes().Set("transA", 1).Set("transB", 1).Set("alpha", 1.5f).Set("beta", 0.5f));
        b.Node("s", OpKind.Sigmoid, ["g"]);
        var graph = b.Output("s", -1, 6);
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1f, 4, 3), LossKind.MeanSquaredError, GradientCheck.Random(rng, 1f, 4, 6));
    }

    /// <summary>Sigmoid output fused with binary cross-entropy.</summary>
    [Fact]
    public void BinaryCrossEntropyWithSigmoid()
    {
        var rng = new Random(3);
        var b = new GraphBuilder().Input("x", -1, 4);
        b.Node("g", OpKind.Gemm, ["x", b.Weight("g.w", TestData.Random(rng, 12), 4, 3), b.Weight("g.b", TestData.Random(rng, 3), 3)]);
        b.Node("s", OpKind.Sigmoid, ["g"]);
        var graph = b.Output("s", -1, 3);
        var labels = new Tensor(Enumerable.Range(0, 15).Select(i => (float)(i * 7 % 3 == 0 ? 1 : 0)).ToArray(), 5, 3);
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1f, 5, 4), LossKind.BinaryCrossEntropy, labels);
    }

    /// <summary>Relu, Clip, HardSwish, Silu, Sigmoid, Tanh and broadcasting Add/Sub/Mul/Div between computed values and a per-channel bias.</summary>
    [Fact]
    public void ActivationsAndBroadcastArithmetic()
    {
        var rng = new Random(4);
        var b = new GraphBuilder().Input("x", -1, 3, 4, 5);
        b.Node("c0", OpKind.Conv, ["x", b.Weight("c0.w", TestData.Random(rng, 9, 0.8f), 3, 3, 1, 1)]);
        b.Node("c1", OpKind.Conv, ["x", b.Weight("c1.w", TestData.Random(rng, 9, 0.8f), 3, 3, 1, 1)]);
        b.Node("a", OpKind.Add, ["c0", b.Weight("c0.b", TestData.Random(rng, 3), 3, 1, 1)]);
        b.Node("hs", OpKind.HardSwish, ["a"]);
        b.Node("si", OpKind.Silu, ["c1"]);
        b.Node("m", OpKind.Mul, ["hs", "si"]);
        b.Node("cl", OpKind.Clip, ["a"], new NodeAttributes().Set("min", -0.3f).Set("max", 0.4f));
        b.Node("d", OpKind.Sub, ["m", "cl"]);
        b.Node("sg", OpKind.Sigmoid, ["c1"]);
        b.Node("den", OpKind.Add, ["sg", b.Weight("one", [1f], 1)]);
        b.Node("q", OpKind.Div, ["d", "den"]);
        b.Node("gap", OpKind.GlobalAveragePool, ["c1"]);
        b.Node("scaled", OpKind.Mul, ["q", "gap"]);
        b.Node("r", OpKind.Relu, ["scaled"]);
        b.Node("th", OpKind.Tanh, ["a"]);
        b.Node("y", OpKind.Add, ["r", "th"]);
        var graph = b.Output("y", -1, 3, 4, 5);
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1.5f, 2, 3, 4, 5), LossKind.MeanSquaredError, GradientCheck.Random(rng, 1f, 2, 3, 4, 5));
    }

    /// <summary>MaxPool and AveragePool (with and without counting padding), Concat, Transpose, Slice, Pad, Reshape, Unsqueeze, Squeeze; sparse cross-entropy on logits.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PoolingAndShapeOperators(int countIncludePad)
    {
        var rng = new Random(5 + countIncludePad);
        var b = new GraphBuilder().Input("x", -1, 3, 7, 6);
        b.Node("c", OpKind.Conv, ["x", b.Weight("c.w", TestData.Random(rng, 4 * 3 * 9, 0.5f), 4, 3, 3, 3)], new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 }));
        var window = new NodeAttributes().Set("kernel_shape", new[] { 3, 3 }).Set("strides", new[] { 2, 2 }).Set("pads", new[] { 1, 1, 1, 1 });
        b.Node("mp", OpKind.MaxPool, ["c"], window);
        b.Node("ap", OpKind.AveragePool, ["c"], window.Clone().Set("count_include_pad", countIncludePad));
        b.Node("cat", OpKind.Concat, ["mp", "ap"], new NodeAttributes().Set("axis", 1));
        b.Node("t", OpKind.Transpose, ["cat"], new NodeAttributes().Set("perm", new[] { 0, 2, 3, 1 }));
        b.Node("s", OpKind.Slice, ["t"], new NodeAttributes().Set("starts", new[] { 1, 0 }).Set("ends", new[] { 4, 2 }).Set("axes", new[] { 1, 2 }));
        b.Node("p", OpKind.Pad, ["s"], new NodeAttributes().Set("pads", new[] { 0, 0, 1, 0, 0, 1, 0, 2 }).Set("value", 0.5f));
        b.Node("r", OpKind.Reshape, ["p"], new NodeAttributes().Set("shape", new[] { 0, -1 }));
        b.Node("u", OpKind.Unsqueeze, ["r"], new NodeAttributes().Set("axes", new[] { 1 }));
        b.Node("sq", OpKind.Squeeze, ["u"], new NodeAttributes().Set("axes", new[] { 1 }));
        b.Node("id", OpKind.Identity, ["sq"]);
        b.Node("logits", OpKind.Gemm, ["id", b.Weight("d.w", TestData.Random(rng, 120 * 3, 0.3f), 120, 3)]);
        var graph = b.Output("logits", -1, 3);
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1f, 2, 3, 7, 6), LossKind.SparseCategoricalCrossEntropy, new Tensor([2f, 0f], 2));
    }

    /// <summary>BatchNormalization on batch statistics (training) and, frozen, on running statistics; then Relu, GAP, Flatten, dense.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BatchNormalization(bool frozen)
    {
        var rng = new Random(frozen ? 7 : 6);
        var b = new GraphBuilder().Input("x", -1, 3, 5, 5);
        b.Node("c", OpKind.Conv, ["x", b.Weight("c.w", TestData.Random(rng, 4 * 27, 0.5f), 4, 3, 3, 3)], new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 }));
        b.Node("bn", OpKind.BatchNormalization, ["c", b.Weight("bn.scale", TestData.Random(rng, 4).Select(v => v + 1.2f).ToArray(), 4),
            b.Weight("bn.bias", TestData.Random(rng, 4), 4), b.Weight("bn.mean", TestData.Random(rng, 4, 0.2f), 4),
            b.Weight("bn.var", TestData.Random(rng, 4, 0.3f).Select(v => v + 1f).ToArray(), 4)]);
        b.Node("r", OpKind.Relu, ["bn"]);
        b.Node("gap", OpKind.GlobalAveragePool, ["r"]);
        b.Node("f", OpKind.Flatten, ["gap"], new NodeAttributes().Set("axis", 1));
        b.Node("d", OpKind.Gemm, ["f", b.Weight("d.w", TestData.Random(rng, 12), 3, 4), b.Weight("d.b", TestData.Random(rng, 3), 3)], new NodeAttributes().Set("transB", 1));
        var graph = b.Output("d", -1, 3);
        GradientCheck.Check(graph, GradientCheck.Random(rng, 1f, 3, 3, 5, 5), LossKind.SparseCategoricalCrossEntropy, new Tensor([0f, 2f, 1f], 3),
            frozenPrefixes: frozen ? ["bn."] : null, inferenceBatchNorms: frozen ? new HashSet<string> { "bn" } : null);
    }
}
