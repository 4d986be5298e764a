using System.Text.Json;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>
/// A zoo network end to end against PyTorch 1.13: torchvision's MobileNetV2 (width 0.35, 10 classes, seeded random
/// weights), exported to ONNX by torch.onnx and read by the ONNX importer into the trainer, on a batch of two 64×64
/// images (Fixtures/make_zoo_mobilenet_v2.py made Fixtures/zoo_mobilenet_v2.onnx and .json). Training mode on both
/// sides: BatchNormalization normalises with the batch statistics; Dropout is off. Checked: the loss, the sum, norm and
/// largest magnitude of every parameter's gradient (52 convolutions, 52 batch norms, the classifier), full gradients
/// of the first convolution, a middle depthwise convolution and batch norm and the classifier, sampled entries of the
/// largest convolution, and those weights after one SGD and one Adam step. Tolerance: float32 sums over 53 layers in a
/// different order, through batch norms of batch 2 — |diff| ≤ 5e-4·(largest |gradient| of the tensor) + 2e-3·|PyTorch|;
/// statistics within 2e-3 relative, or 1e-5 for the gradients that are zero in exact arithmetic (the bias of a batch
/// norm whose output only reaches the loss through another batch norm). The script picks the batch whose ReLU6 inputs
/// in the last blocks lie farthest from a kink: one value moved across 0 by rounding moves a 2×2 layer's gradients by percents.
/// </summary>
public class ZooMobileNetV2PyTorchTests
{
    private const float Rtol = 2e-3f, ScaleTol = 5e-4f;
    private const double StatTol = 2e-3, StatFloor = 1e-5;

    private static string FixturePath(string name) => Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Nn", "Training", "Fixtures", name);

    private static readonly Lazy<JsonElement> Fixture = new(() => JsonDocument.Parse(File.ReadAllText(FixturePath("zoo_mobilenet_v2.json"))).RootElement);

    private static float[] Floats(JsonElement base64)
    {
        byte[] bytes = Convert.FromBase64String(base64.GetString()!);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    /// <summary>The exported network with a softmax over its logits, so the trainer's cross-entropy reads probabilities.</summary>
    private static ModelGraph Network()
    {
        var graph = OnnxImporter.Load(FixturePath("zoo_mobilenet_v2.onnx"));
        string logits = graph.Outputs.Single().Name;
        graph.Nodes.Add(new Node("probabilities", OpKind.Softmax, [logits], ["probabilities"], new NodeAttributes().Set("axis", -1)));
        graph.Outputs[0] = new ValueInfo("probabilities", [-1, 10]);
        return graph;
    }

    private static (Tensor X, Tensor Y) Batch(JsonElement f) =>
        (new Tensor(Floats(f.GetProperty("input")), 2, 3, 64, 64), new Tensor(f.GetProperty("labels").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray(), 2));

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        float scale = 0f;
        foreach (var v in expected) scale = MathF.Max(scale, MathF.Abs(v));
        TestData.AssertClose(expected, actual, ScaleTol * scale, Rtol, what);
    }

    [Fact]
    public void LossAndGradientsMatchPyTorch()
    {
        var f = Fixture.Value;
        using var trainer = new Trainer(Network(), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Sgd(0.1f) });
        var (x, y) = Batch(f);
        var result = trainer.ComputeGradients(x, y);
        Assert.True(Math.Abs(f.GetProperty("loss").GetDouble() - result.Loss) <= 1e-5, $"loss {result.Loss}, PyTorch {f.GetProperty("loss").GetDouble()}");

        var stats = f.GetProperty("gradientStats");
        Assert.Equal(stats.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), trainer.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        var mismatches = new List<string>();
        foreach (var p in trainer.Parameters)
        {
            var g = trainer.Gradients.Slice(p.Offset, p.Length);
            var s = stats.GetProperty(p.Name);
            double maxAbs = s.GetProperty("maxAbs").GetDouble(), norm = Math.Sqrt(s.GetProperty("sumSquares").GetDouble()), expectedSum = s.GetProperty("sum").GetDouble();
            double sum = 0, squares = 0, largest = 0;
            foreach (var v in g) (sum, squares, largest) = (sum + v, squares + (double)v * v, Math.Max(largest, Math.Abs(v)));
            if (Math.Abs(largest - maxAbs) > StatTol * maxAbs + StatFloor || Math.Abs(Math.Sqrt(squares) - norm) > StatTol * norm + StatFloor
                || Math.Abs(sum - expectedSum) > StatTol * norm * Math.Sqrt(p.Length) + StatFloor)
                mismatches.Add($"{p.Name}: largest |g| {largest:G6} (PyTorch {maxAbs:G6}), norm {Math.Sqrt(squares):G6} ({norm:G6}), sum {sum:G6} ({expectedSum:G6})");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} gradients differ from PyTorch's:\n{string.Join("\n", mismatches)}");
        foreach (var full in f.GetProperty("gradients").EnumerateObject())
        {
            var p = trainer.Parameters.Single(q => q.Name == full.Name);
            AssertClose(Floats(full.Value), trainer.Gradients.Slice(p.Offset, p.Length), full.Name);
        }
        var sampled = f.GetProperty("sampled");
        var big = trainer.Parameters.Single(q => q.Name == sampled.GetProperty("name").GetString());
        float[] expected = sampled.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
        float[] gradient = trainer.Gradients.Slice(big.Offset, big.Length).ToArray();
        float[] actual = sampled.GetProperty("indices").EnumerateArray().Select(i => gradient[i.GetInt32()]).ToArray();
        TestData.AssertClose(expected, actual, ScaleTol * (float)stats.GetProperty(big.Name).GetProperty("maxAbs").GetDouble(), Rtol, big.Name);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    public void OneOptimizerStepMatchesPyTorch(string optimizerName)
    {
        var f = Fixture.Value;
        Optimizer optimizer = optimizerName == "sgd" ? new Sgd(0.1f) : new Adam(0.01f);
        using var trainer = new Trainer(Network(), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = optimizer });
        var (x, y) = Batch(f);
        trainer.Step(x, y);
        var trained = trainer.ToInferenceGraph();
        foreach (var weights in f.GetProperty(optimizerName).EnumerateObject())
            AssertClose(Floats(weights.Value), trained.Initializers[weights.Name].Span, $"{optimizerName} {weights.Name}");
    }
}
