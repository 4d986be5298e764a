using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Networks;

namespace DeepLearningPipelines.Tests.Nn.Networks;

/// <summary>Networks defined in C#: shapes and parameter counts against a hand count, names, initial weights and the graph they build.</summary>
public class NetworkBuilderTests
{
    private static Sequential SmallCnn() => new([28, 28, 1],
        new Conv2D(32, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
        new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
        new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax"));

    [Fact]
    public void SequentialCnnHasTheHandCountedShapesAndParameters()
    {
        var network = SmallCnn().ToNetwork();
        // conv 3·3·1·32+32, conv 3·3·32·64+64, dense 7·7·64·128+128, dense 128·10+10
        Assert.Equal(320 + 18_496 + 401_536 + 1_290, network.ParameterCount);
        Assert.Equal(["input_1", "conv2d_1", "max_pooling2d_1", "conv2d_2", "max_pooling2d_2", "flatten_1", "dense_1", "dense_2"], network.LayerNames);
        Assert.Equal([-1, 14, 14, 32], network.Summary.OutputShapes["max_pooling2d_1"]);
        Assert.Equal([-1, 3136], network.Summary.OutputShapes["flatten_1"]);
        Assert.Equal([10], network.OutputShape);
    }

    [Fact]
    public void BuiltGraphRunsChannelsLastImagesToProbabilities()
    {
        var graph = SmallCnn().Build(seed: 3);
        Assert.Equal([-1, 28, 28, 1], graph.Inputs[0].Shape);
        Assert.Contains(graph.Nodes, n => n.Op == OpKind.Conv && graph.Initializers[n.Inputs[1]].Shape.SequenceEqual([64, 32, 3, 3]));
        var random = new SplitMix64(1);
        using var executor = new GraphExecutor(graph);
        using var output = executor.Run(new Tensor(Enumerable.Range(0, 2 * 784).Select(_ => (float)random.NextDouble()).ToArray(), 2, 28, 28, 1));
        Assert.Equal([2, 10], output.Shape);
        for (int i = 0; i < 2; i++) Assert.Equal(1f, output.Span.Slice(i * 10, 10).ToArray().Sum(), 4);
    }

    [Fact]
    public void FunctionalResidualNetworkCountsEveryLayer()
    {
        var input = new Input(8, 8, 3);
        var a = new Conv2D(4, 3, padding: "same", activation: "relu").Call(input);
        var b = new Conv2D(4, 3, padding: "same", name: "second").Call(a);
        var sum = new Add().Call(a, b);
        var both = new Concatenate().Call(a, sum);
        var normed = new BatchNormalization(momentum: 0.9f).Call(both);
        var pooled = new GlobalAveragePooling2D().Call(new DepthwiseConv2D(3, padding: "same").Call(normed));
        var output = new Dense(2, "softmax").Call(new Dropout(0.5f).Call(pooled));
        var network = new Network(input, output, "residual");
        // conv 3·3·3·4+4, conv 3·3·4·4+4, batch norm 4·8, depthwise 3·3·8+8, dense 8·2+2
        Assert.Equal(112 + 148 + 32 + 80 + 18, network.ParameterCount);
        Assert.Equal([-1, 8, 8, 8], network.Summary.OutputShapes["concatenate_1"]);
        Assert.Contains("second", network.LayerNames);

        var graph = network.Build();
        Assert.Equal(0.5f, graph.Nodes.Single(n => n.Op == OpKind.Dropout).Attributes.GetFloat("ratio", -1));
        Assert.Equal(0.9f, graph.Nodes.Single(n => n.Op == OpKind.BatchNormalization).Attributes.GetFloat("momentum", -1));
        using var executor = new GraphExecutor(graph);
        using var result = executor.Run(new Tensor(new float[3 * 8 * 8 * 3], 3, 8, 8, 3));
        Assert.Equal([3, 2], result.Shape);
    }

    [Fact]
    public void InitialWeightsFollowKerasInitializersAndTheSeed()
    {
        var model = new Sequential([64], new Dense(256, kernelInitializer: "he_normal"), new Dense(512), new BatchNormalization());
        var graph = model.Build(seed: 7);
        float[] he = graph.Initializers["dense_1/kernel"].Span.ToArray();
        double std = Math.Sqrt(he.Select(v => (double)v * v).Average());
        Assert.InRange(std, Math.Sqrt(2.0 / 64) * 0.95, Math.Sqrt(2.0 / 64) * 1.05);
        Assert.True(he.Max() <= 2 * Math.Sqrt(2.0 / 64) / 0.8796 + 1e-6, "he_normal is truncated at two standard deviations");
        float limit = MathF.Sqrt(6f / (256 + 512));
        float[] glorot = graph.Initializers["dense_2/kernel"].Span.ToArray();
        Assert.All(glorot, v => Assert.InRange(v, -limit, limit));
        Assert.True(glorot.Max() > limit * 0.99f && glorot.Min() < -limit * 0.99f);
        Assert.All(graph.Initializers["dense_1/bias"].Span.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(graph.Initializers["batch_normalization_1/moving_variance"].Span.ToArray(), v => Assert.Equal(1f, v));

        Assert.Equal(he, model.Build(seed: 7).Initializers["dense_1/kernel"].Span.ToArray());
        Assert.NotEqual(he, model.Build(seed: 8).Initializers["dense_1/kernel"].Span.ToArray());
    }

    [Fact]
    public void DefinitionErrorsNameTheProblem()
    {
        Assert.Contains("filters must be at least 1", Assert.Throws<ParamException>(() => new Conv2D(0, 3)).Message);
        Assert.Contains("'gelu' is not supported", Assert.Throws<ParamException>(() => new Dense(3, "gelu")).Message);
        Assert.Contains("Dropout rate", Assert.Throws<ParamException>(() => new Dropout(1f)).Message);
        var e = Assert.Throws<ModelFormatException>(() => new Sequential([4, 4, 1], new Conv2D(2, 5)).ToNetwork());
        Assert.Contains("conv2d_1", e.Message);
        var shared = new Dense(4);
        var input = new Input(4);
        Assert.Contains("called 2 times", Assert.Throws<ParamException>(() => new Network(input, shared.Call(shared.Call(input)))).Message);
        Assert.Contains("named 'x'", Assert.Throws<ParamException>(() => new Sequential([4], new Dense(2, name: "x"), new Dense(2, name: "x")).ToNetwork()).Message);
        Assert.Contains("other than the network's input", Assert.Throws<ParamException>(() => new Network(new Input(2), new Dense(1).Call(input))).Message);
    }
}
