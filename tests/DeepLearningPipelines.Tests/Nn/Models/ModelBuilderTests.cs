using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Models;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Models;

public class ModelBuilderTests
{
    public static IEnumerable<object[]> Models() =>
    [
        // name, image size used for the forward test, expected parameter count at that size.
        // ResNet50: torchvision's 25,557,032 parameters plus 2 running statistics for each of its 26,560 BN channels.
        ["resnet50", 64, 25_557_032L + 2 * 26_560],
        // MobileNetV2: Keras total (trainable + BN statistics) 3,538,984.
        ["mobilenet_v2", 32, 3_538_984L],
        // VGG16: 138,357,544 at 224; at 32 the first dense layer sees 512 instead of 25,088 features.
        ["vgg16", 32, 138_357_544L - (25_088L - 512) * 4096],
        // InceptionV3: Keras total 23,851,784 has no BN gamma; this builder adds one per BN channel (17,216).
        ["inception_v3", 75, 23_851_784L + 17_216],
    ];

    private static ModelGraph Build(string name, int size) => name switch
    {
        "resnet50" => ResNet50.Build(imageSize: size),
        "mobilenet_v2" => MobileNetV2.Build(imageSize: size),
        "vgg16" => Vgg16.Build(imageSize: size),
        _ => InceptionV3.Build(imageSize: size),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void BuildsRunsAndHasTheReferenceParameterCount(string name, int size, long parameters)
    {
        var graph = Build(name, size);
        Assert.Equal(parameters, graph.Initializers.Values.Sum(t => (long)t.Length));
        using var executor = new GraphExecutor(graph);
        var x = new Tensor(TestData.Random(new Random(1), 2 * 3 * size * size), 2, 3, size, size);
        using var y = executor.Run(x);
        Assert.Equal([2, 1000], y.Shape);
        using var unoptimised = new GraphExecutor(graph, optimize: false);
        using var reference = unoptimised.Run(x);
        TestData.AssertClose(reference.Span, y.Span, 1e-5f, 1e-3f, "optimised vs unoptimised");
        for (int n = 0; n < 2; n++)
        {
            var row = y.Span.Slice(n * 1000, 1000).ToArray();
            Assert.All(row, v => Assert.True(float.IsFinite(v) && v >= 0));
            Assert.Equal(1.0, row.Sum(), 4);
        }
    }

    [Fact]
    public void OptimisedMobileNetV2ExportsToStandardOperatorsAndReimportsToIdenticalOutputs()
    {
        var graph = MobileNetV2.Build(imageSize: 32, seed: 3);
        var x = new Tensor(TestData.Random(new Random(2), 3 * 32 * 32), 1, 3, 32, 32);
        using var a = new GraphExecutor(graph);
        Assert.Contains(a.Graph.Nodes, n => n.Op == OpKind.Conv && n.Input(3).Length > 0);
        var reloaded = OnnxImporter.Load(OnnxExporter.ToBytes(a.Graph));
        Assert.Equal(10, reloaded.Nodes.Count(n => n.Op == OpKind.Add));
        using var b = new GraphExecutor(reloaded);
        using var ya = a.Run(x);
        using var yb = b.Run(x);
        Assert.Equal(ya.ToArray(), yb.ToArray());
    }
}
