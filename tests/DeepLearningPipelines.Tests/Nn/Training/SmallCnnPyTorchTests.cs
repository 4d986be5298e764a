using System.Text.Json;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>
/// Loss, gradients, BatchNormalization running statistics and two steps of SGD (Nesterov, weight decay), Adam, AdamW, RMSprop and clipped SGD on an exponential schedule of
/// a small CNN with a depthwise convolution, against PyTorch 1.13 on the same weights and batch
/// (Fixtures/make_small_cnn.py made Fixtures/small_cnn.json). Tolerance: |diff| ≤ 2e-5 + 1e-3·|PyTorch| — float32
/// sums in a different order.
/// </summary>
public class SmallCnnPyTorchTests
{
    private const float Atol = 2e-5f, Rtol = 1e-3f;

    private static JsonElement Fixture()
    {
        string path = Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Nn", "Training", "Fixtures", "small_cnn.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    /// <summary>The fixture's network as a graph (PyTorch's parameter names; BatchNormalization momentum 0.9 is PyTorch's 0.1).</summary>
    internal static ModelGraph SmallCnn(JsonElement weights)
    {
        var b = new GraphBuilder().Input("x", -1, 3, 9, 9);
        float[] W(string name) => Floats(weights.GetProperty(name));
        var pad1 = new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 });
        b.Node("conv1", OpKind.Conv, ["x", b.Weight("conv1.weight", W("conv1.weight"), 8, 3, 3, 3)], pad1);
        b.Node("bn1", OpKind.BatchNormalization, ["conv1", b.Weight("bn1.weight", W("bn1.weight"), 8), b.Weight("bn1.bias", W("bn1.bias"), 8),
            b.Weight("bn1.running_mean", new float[8], 8), b.Weight("bn1.running_var", Enumerable.Repeat(1f, 8).ToArray(), 8)],
            new NodeAttributes().Set("epsilon", 1e-5f).Set("momentum", 0.9f));
        b.Node("relu1", OpKind.Relu, ["bn1"]);
        b.Node("pool1", OpKind.MaxPool, ["relu1"], new NodeAttributes().Set("kernel_shape", new[] { 2, 2 }).Set("strides", new[] { 2, 2 }));
        b.Node("dw", OpKind.Conv, ["pool1", b.Weight("dw.weight", W("dw.weight"), 8, 1, 3, 3), b.Weight("dw.bias", W("dw.bias"), 8)],
            new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 }).Set("group", 8));
        b.Node("relu2", OpKind.Relu, ["dw"]);
        b.Node("pw", OpKind.Conv, ["relu2", b.Weight("pw.weight", W("pw.weight"), 12, 8, 1, 1), b.Weight("pw.bias", W("pw.bias"), 12)]);
        b.Node("relu3", OpKind.Relu, ["pw"]);
        b.Node("gap", OpKind.GlobalAveragePool, ["relu3"]);
        b.Node("flat", OpKind.Flatten, ["gap"], new NodeAttributes().Set("axis", 1));
        b.Node("dense", OpKind.Gemm, ["flat", b.Weight("dense.weight", W("dense.weight"), 5, 12), b.Weight("dense.bias", W("dense.bias"), 5)],
            new NodeAttributes().Set("transB", 1));
        b.Node("probs", OpKind.Softmax, ["dense"], new NodeAttributes().Set("axis", -1));
        return b.Output("probs", -1, 5);
    }

    private static (Tensor X, Tensor Y) Batch(JsonElement f) =>
        (new Tensor(Floats(f.GetProperty("input")), 4, 3, 9, 9), new Tensor(f.GetProperty("labels").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray(), 4));

    [Fact]
    public void LossGradientsAndRunningStatisticsMatchPyTorch()
    {
        var f = Fixture();
        using var trainer = new Trainer(SmallCnn(f.GetProperty("weights")), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Sgd(0.1f) });
        var (x, y) = Batch(f);
        var result = trainer.ComputeGradients(x, y);
        Assert.Equal(f.GetProperty("loss").GetDouble(), result.Loss, 5);
        Assert.Equal(9, trainer.Parameters.Count);
        foreach (var p in trainer.Parameters)
            TestData.AssertClose(Floats(f.GetProperty("gradients").GetProperty(p.Name)), trainer.Gradients.Slice(p.Offset, p.Length), Atol, Rtol, p.Name);
        var trained = trainer.ToInferenceGraph();
        TestData.AssertClose(Floats(f.GetProperty("runningMean")), trained.Initializers["bn1.running_mean"].Span, Atol, Rtol, "running mean");
        TestData.AssertClose(Floats(f.GetProperty("runningVar")), trained.Initializers["bn1.running_var"].Span, Atol, Rtol, "running variance");
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    [InlineData("rmsprop")]
    [InlineData("sgd_clip_exponential")]
    public void TwoOptimizerStepsMatchPyTorch(string optimizerName)
    {
        var f = Fixture();
        Optimizer optimizer = optimizerName switch
        {
            "sgd" => new Sgd(0.1f, momentum: 0.9f, nesterov: true, weightDecay: 1e-3f),
            "adam" => new Adam(0.01f),
            "adamw" => new AdamW(0.01f, weightDecay: 0.1f),
            "rmsprop" => new RmsProp(0.01f, rho: 0.9f, momentum: 0.5f, weightDecay: 1e-3f),
            _ => new Sgd(0.5f) { Schedule = LearningRateSchedule.Exponential(0.5f) },
        };
        using var trainer = new Trainer(SmallCnn(f.GetProperty("weights")), new TrainerOptions
        {
            Loss = LossKind.SparseCategoricalCrossEntropy,
            Optimizer = optimizer,
            ClipGradientNorm = optimizerName == "sgd_clip_exponential" ? 0.1f : null,
        });
        var (x, y) = Batch(f);
        trainer.Step(x, y);
        trainer.Step(x, y);
        var expected = f.GetProperty(optimizerName).GetProperty("weights");
        var trained = trainer.ToInferenceGraph();
        foreach (var p in trainer.Parameters)
            TestData.AssertClose(Floats(expected.GetProperty(p.Name)), trained.Initializers[p.Name].Span, Atol, Rtol, $"{optimizerName} {p.Name}");
    }
}
