using System.Diagnostics;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>The small CNN learns Fashion-MNIST from scratch: two epochs over 2,000 images on two threads.</summary>
public class TrainingConvergenceTests(ITestOutputHelper output)
{
    /// <summary>conv32-pool-conv64-pool-dense128-dense10 with a softmax output, He-uniform weights from <paramref name="seed"/>.</summary>
    internal static ModelGraph SmallCnn(int seed)
    {
        var rng = new Random(seed);
        var b = new GraphBuilder().Input("image", -1, 1, 28, 28);
        string He(string name, int fanIn, params int[] shape) =>
            b.Weight(name, TestData.Random(rng, Tensor.ElementCount(shape), MathF.Sqrt(6f / fanIn)), shape);
        var same = new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 });
        var pool = new NodeAttributes().Set("kernel_shape", new[] { 2, 2 }).Set("strides", new[] { 2, 2 });
        b.Node("conv1", OpKind.Conv, ["image", He("conv1.w", 9, 32, 1, 3, 3), b.Weight("conv1.b", new float[32], 32)], same);
        b.Node("relu1", OpKind.Relu, ["conv1"]);
        b.Node("pool1", OpKind.MaxPool, ["relu1"], pool);
        b.Node("conv2", OpKind.Conv, ["pool1", He("conv2.w", 288, 64, 32, 3, 3), b.Weight("conv2.b", new float[64], 64)], same.Clone());
        b.Node("relu2", OpKind.Relu, ["conv2"]);
        b.Node("pool2", OpKind.MaxPool, ["relu2"], pool.Clone());
        b.Node("flatten", OpKind.Flatten, ["pool2"], new NodeAttributes().Set("axis", 1));
        b.Node("dense1", OpKind.Gemm, ["flatten", He("dense1.w", 3136, 3136, 128), b.Weight("dense1.b", new float[128], 128)]);
        b.Node("relu3", OpKind.Relu, ["dense1"]);
        b.Node("dense2", OpKind.Gemm, ["relu3", He("dense2.w", 128, 128, 10), b.Weight("dense2.b", new float[10], 10)]);
        b.Node("probabilities", OpKind.Softmax, ["dense2"], new NodeAttributes().Set("axis", -1));
        return b.Output("probabilities", -1, 10);
    }

    /// <summary>Bar: test accuracy ≥ 0.75 on 1,000 held-out images (it reaches about 0.83 in under 30 s on two busy cores), and the loss of the last steps below 60 % of the first steps'.</summary>
    [FashionMnistFact]
    public void SmallCnnLearnsFashionMnist()
    {
        const int Train = 2000, Batch = 50, Epochs = 2;
        var (images, labels) = FashionMnist.Read("train", Train);
        var (testImages, testLabels) = FashionMnist.Read("t10k", 1000);
        using var trainer = new Trainer(SmallCnn(seed: 1), new TrainerOptions
        {
            Loss = LossKind.SparseCategoricalCrossEntropy,
            Optimizer = new Adam(2e-3f),
            Threads = 2,
        });
        var losses = new List<float>();
        var sw = Stopwatch.StartNew();
        for (int epoch = 0; epoch < Epochs; epoch++)
            for (int first = 0; first < Train; first += Batch)
            {
                using var x = new Tensor(images.Span.Slice(first * 784, Batch * 784).ToArray(), Batch, 1, 28, 28);
                using var y = new Tensor(labels.AsSpan(first, Batch).ToArray(), Batch);
                losses.Add(trainer.Step(x, y).Loss);
            }
        var test = trainer.Evaluate(testImages, new Tensor(testLabels, testLabels.Length));
        double early = losses.Take(5).Average(), late = losses.TakeLast(10).Average();
        output.WriteLine($"{Epochs} epochs × {Train} images in {sw.Elapsed.TotalSeconds:F1} s; loss {early:F3} → {late:F3}; test accuracy {test.Accuracy:F3}");
        Assert.True(late < 0.6 * early, $"loss fell only from {early} to {late}");
        Assert.True(test.Accuracy >= 0.75f, $"test accuracy {test.Accuracy}");
    }
}
