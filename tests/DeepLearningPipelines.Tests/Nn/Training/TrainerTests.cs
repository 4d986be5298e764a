using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>Trainer behaviour: reproducibility, Dropout, freezing, the gradient hook, the trained graph, schedules and errors.</summary>
public class TrainerTests
{
    /// <summary>conv-BN-relu-conv-relu-pool-flatten-Dropout(0.3)-dense on 1×8×8 inputs.</summary>
    private static ModelGraph DropoutNetwork()
    {
        var rng = new Random(3);
        var b = new GraphBuilder().Input("x", -1, 1, 8, 8);
        b.Node("conv", OpKind.Conv, ["x", b.Weight("conv.w", TestData.Random(rng, 6 * 9, 0.5f), 6, 1, 3, 3), b.Weight("conv.b", new float[6], 6)],
            new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 }));
        b.Node("bn", OpKind.BatchNormalization, ["conv", b.Weight("bn.scale", Enumerable.Repeat(1f, 6).ToArray(), 6), b.Weight("bn.bias", new float[6], 6),
            b.Weight("bn.mean", new float[6], 6), b.Weight("bn.var", Enumerable.Repeat(1f, 6).ToArray(), 6)]);
        b.Node("relu", OpKind.Relu, ["bn"]);
        b.Node("conv2", OpKind.Conv, ["relu", b.Weight("conv2.w", TestData.Random(rng, 6 * 6 * 9, 0.3f), 6, 6, 3, 3)],
            new NodeAttributes().Set("pads", new[] { 1, 1, 1, 1 }));
        b.Node("relu2", OpKind.Relu, ["conv2"]);
        b.Node("pool", OpKind.MaxPool, ["relu2"], new NodeAttributes().Set("kernel_shape", new[] { 2, 2 }).Set("strides", new[] { 2, 2 }));
        b.Node("flat", OpKind.Flatten, ["pool"], new NodeAttributes().Set("axis", 1));
        b.Node("drop", OpKind.Dropout, ["flat"], new NodeAttributes().Set("ratio", 0.3f));
        b.Node("dense", OpKind.Gemm, ["drop", b.Weight("dense.w", TestData.Random(rng, 96 * 4, 0.2f), 96, 4), b.Weight("dense.b", new float[4], 4)]);
        return b.Output("dense", -1, 4);
    }

    private static float[] TrainThreeSteps(int seed, int threads)
    {
        var rng = new Random(9);
        using var trainer = new Trainer(DropoutNetwork(), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Adam(0.01f), Seed = seed, Threads = threads });
        for (int step = 0; step < 3; step++)
            trainer.Step(GradientCheck.Random(rng, 1f, 16, 1, 8, 8), new Tensor(Enumerable.Range(0, 16).Select(i => (float)((i + step) % 4)).ToArray(), 16));
        var weights = new float[trainer.ParameterCount];
        trainer.CopyParametersTo(weights);
        return weights;
    }

    [Fact]
    public void SameSeedGivesBitIdenticalWeightsOnAnyThreadCount()
    {
        float[] first = TrainThreeSteps(seed: 5, threads: 2);
        Assert.Equal(first, TrainThreeSteps(seed: 5, threads: 2));
        Assert.Equal(first, TrainThreeSteps(seed: 5, threads: 1));
        Assert.NotEqual(first, TrainThreeSteps(seed: 6, threads: 2));
    }

    /// <summary>x = ones, W = I, MSE against zeros: dL/dW[i, j] = 8/n·mask[j] (inverted scaling by 2 at ratio 0.5), or 0 where dropped.</summary>
    [Fact]
    public void DropoutDropsAboutItsRatioAndScalesWhatItKeeps()
    {
        const int N = 2000;
        var b = new GraphBuilder().Input("x", -1, N);
        var identity = new float[N * N];
        for (int i = 0; i < N; i++) identity[i * N + i] = 1f;
        b.Node("m", OpKind.MatMul, ["x", b.Weight("w", identity, N, N)]);
        b.Node("drop", OpKind.Dropout, ["m"]);
        using var trainer = new Trainer(b.Output("drop", -1, N), new TrainerOptions { Loss = LossKind.MeanSquaredError, Optimizer = new Sgd(0f), Seed = 1 });
        var x = new Tensor(Enumerable.Repeat(1f, N).ToArray(), 1, N);
        trainer.ComputeGradients(x, new Tensor(1, N));
        float[] firstRow = trainer.Gradients[..N].ToArray();
        int kept = firstRow.Count(g => g != 0);
        Assert.All(firstRow, g => Assert.True(g == 0f || Math.Abs(g - 8f / N) < 1e-9f, $"gradient {g}"));
        Assert.InRange(kept, N * 0.45, N * 0.55);
        trainer.Step(x, new Tensor(1, N));
        trainer.ComputeGradients(x, new Tensor(1, N));
        Assert.NotEqual(firstRow, trainer.Gradients[..N].ToArray());
    }

    [Fact]
    public void FineTuneFromFreezesEverythingBeforeTheNode()
    {
        var graph = DropoutNetwork();
        using var trainer = new Trainer(graph, new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Sgd(0.5f), FineTuneFrom = "dense" });
        Assert.Equal(["dense.w", "dense.b"], trainer.Parameters.Select(p => p.Name));
        var rng = new Random(1);
        trainer.Step(GradientCheck.Random(rng, 1f, 4, 1, 8, 8), new Tensor([0f, 1f, 2f, 3f], 4));
        var trained = trainer.ToInferenceGraph();
        Assert.Equal(graph.Initializers["conv.w"].ToArray(), trained.Initializers["conv.w"].ToArray());
        // The frozen BatchNormalization ran on its running statistics and left them alone.
        Assert.Equal(new float[6], trained.Initializers["bn.mean"].ToArray());
        Assert.NotEqual(graph.Initializers["dense.w"].ToArray(), trained.Initializers["dense.w"].ToArray());
        var error = Assert.Throws<ParamException>(() => new Trainer(graph, new TrainerOptions { Loss = LossKind.MeanSquaredError, Optimizer = new Sgd(), FineTuneFrom = "nope" }));
        Assert.Contains("no node named 'nope'", error.Message);
    }

    [Fact]
    public void GradientReducerSeesTheFusedGradientsBeforeTheUpdate()
    {
        var rng = new Random(2);
        var x = GradientCheck.Random(rng, 1f, 8, 1, 8, 8);
        var y = new Tensor([0f, 1f, 2f, 3f, 0f, 1f, 2f, 3f], 8);
        float[] Train(GradientReducer? reducer, float rate)
        {
            using var trainer = new Trainer(DropoutNetwork(), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Sgd(rate), GradientReducer = reducer });
            trainer.Step(x, y);
            var w = new float[trainer.ParameterCount];
            trainer.CopyParametersTo(w);
            return w;
        }
        int seen = 0;
        // Halving the gradients (an average over two identical ranks' sums would) equals halving the rate for SGD.
        float[] halved = Train(g => { seen = g.Length; foreach (ref float v in g) v *= 0.5f; }, 0.2f);
        TestData.AssertClose(Train(null, 0.1f), halved, 1e-6f, 0f, "halved gradients");
        Assert.Equal(Train(null, 0f).Length, seen);
    }

    [Fact]
    public void TrainedGraphRunsInTheInferenceEngineAndAfterOnnxExport()
    {
        var rng = new Random(4);
        using var trainer = new Trainer(DropoutNetwork(), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Adam(0.01f) });
        for (int i = 0; i < 3; i++) trainer.Step(GradientCheck.Random(rng, 1f, 8, 1, 8, 8), new Tensor([0f, 1f, 2f, 3f, 3f, 2f, 1f, 0f], 8));
        var x = GradientCheck.Random(rng, 1f, 5, 1, 8, 8);
        using var expected = trainer.Predict(x);
        var trained = trainer.ToInferenceGraph();
        using (var executor = new GraphExecutor(trained))
            TestData.AssertClose(expected.Span, executor.Run(x).Span, 1e-4f, 1e-4f, "managed inference");
        var imported = OnnxImporter.Load(OnnxExporter.ToBytes(trained));
        using (var executor = new GraphExecutor(imported))
            TestData.AssertClose(expected.Span, executor.Run(x).Span, 1e-4f, 1e-4f, "after ONNX export");
        if (OnnxRuntimeLibrary.LoadError is null)
        {
            using var ort = new OnnxRuntimeExecutionProvider().Compile(trained, ["dense"]);
            TestData.AssertClose(expected.Span, ort.Run(new Dictionary<string, Tensor> { ["x"] = x })["dense"].Span, 1e-4f, 1e-4f, "ONNX Runtime");
        }
    }

    [Fact]
    public void SchedulesFollowPyTorch()
    {
        Assert.Equal(0.1f, LearningRateSchedule.StepDecay(3, 0.1f).Rate(1f, 3), 6);
        Assert.Equal(1f, LearningRateSchedule.StepDecay(3, 0.1f).Rate(1f, 2), 6);
        Assert.Equal(0.25f, LearningRateSchedule.Exponential(0.5f).Rate(1f, 2), 6);
        Assert.Equal(0.55f, LearningRateSchedule.Cosine(10, 0.1f).Rate(1f, 5), 6);
        Assert.Equal(0.1f, LearningRateSchedule.Cosine(10, 0.1f).Rate(1f, 12), 6);
        Assert.Throws<ParamException>(() => LearningRateSchedule.StepDecay(0, 0.5f));
    }

    [Fact]
    public void LabelsOfTheWrongShapeAreRejected()
    {
        using var trainer = new Trainer(DropoutNetwork(), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Sgd() });
        var x = new Tensor(2, 1, 8, 8);
        Assert.Contains("expected 2 class indices", Assert.Throws<DataFormatException>(() => trainer.Step(x, new Tensor(2, 4))).Message);
        Assert.Contains("not a class index", Assert.Throws<DataFormatException>(() => trainer.Step(x, new Tensor([0f, 7f], 2))).Message);
    }
}
