using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>
/// Built-in architectures: parameter counts equal the ones Keras reports for keras.applications models, and the runtime
/// graph's shape inference (no execution) gives the declared feature and classifier shapes.
/// </summary>
public class ZooArchitectureTests
{
    [Theory]
    [InlineData("InceptionV3", 23_851_784)]
    [InlineData("Xception", 22_910_480)]
    [InlineData("ResNet50", 25_636_712)]
    [InlineData("VGG16", 138_357_544)]
    [InlineData("VGG19", 143_667_240)]
    [InlineData("MobileNetV2", 3_538_984)]
    [InlineData("MobileNet", 4_253_864)]
    // MobileNet 0.25: the 137 tensors of the shared TF.js MobileNet v1 0.25 hold 475,544 values.
    [InlineData("MobileNet_0.25", 475_544)]
    public void ParameterCountWithTopEqualsKeras(string name, long expected) =>
        Assert.Equal(expected, ZooCatalog.Get(name).ParameterCount(includeTop: true));

    [Fact]
    public void InceptionV3WithoutTopHasOneParameterPerByteOfTheQuantizedBackbone()
    {
        // The uint8 InceptionV3 backbone (input_1..mixed10) stores 21,802,784 one-byte weights.
        Assert.Equal(21_802_784, ZooCatalog.Get("InceptionV3").ParameterCount(includeTop: false));
    }

    public static TheoryData<string> Names => new(ZooCatalog.All.Where(m => m.Package is null).Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void FeatureLayerShapeFromGraphShapeInference(string name)
    {
        var model = ZooCatalog.Get(name);
        var graph = model.Build(includeTop: false, new ZeroWeights());
        Assert.Equal([-1, model.InputSize, model.InputSize, 3], graph.Inputs[0].Shape);
        Assert.Equal(model.FeatureLayer, graph.Outputs[0].Name);
        var shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        Assert.Equal([1, .. model.FeatureShape], shapes[model.FeatureLayer]);
        Assert.Equal(model.FlattenedFeatureSize, model.FeatureShape.Aggregate(1, (a, d) => a * d));
    }

    [Theory]
    [InlineData("InceptionV3")]
    [InlineData("Xception")]
    [InlineData("ResNet50")]
    [InlineData("MobileNetV2")]
    [InlineData("MobileNet_0.5")]
    public void ClassifierShapeFromGraphShapeInference(string name)
    {
        var model = ZooCatalog.Get(name);
        var graph = model.Build(includeTop: true, new ZeroWeights());
        Assert.Equal(model.OutputLayer, graph.Outputs[0].Name);
        var shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        Assert.Equal([1, 1000], shapes[model.OutputLayer]);
    }

    [Fact]
    public void VggClassifierShapeFromKerasShapes()
    {
        // VGG's 25088×4096 fc1 kernel is too large to materialise in a unit test; check the Keras-level shapes instead.
        var summary = KerasGraphBuilder.Summarize(ZooCatalog.Get("VGG16").Architecture(includeTop: true));
        Assert.Equal([-1, 25088], summary.OutputShapes["flatten"]);
        Assert.Equal([-1, 1000], summary.OutputShapes["predictions"]);
    }

    [Fact]
    public void DeclaredFeatureSizes()
    {
        var inception = ZooCatalog.Get("InceptionV3");
        Assert.Equal((2048, 131_072), (inception.PooledFeatureSize, inception.FlattenedFeatureSize));
        Assert.Equal(ImagePreprocessing.Tf, inception.Preprocessing);
        Assert.Equal(ImagePreprocessing.Caffe, ZooCatalog.Get("resnet50").Preprocessing);
        Assert.Equal(256, ZooCatalog.Get("MobileNet_0.25").PooledFeatureSize);
    }

    /// <summary>All-zero weights sharing one buffer: enough to build a graph for shape inference.</summary>
    private sealed class ZeroWeights : IKerasWeightSource
    {
        private float[] _zeros = [];

        public string Description => "zero weights";

        public KerasWeight? Find(string layerName, string weightName, int[] expectedShape)
        {
            int count = expectedShape.Aggregate(1, (a, d) => a * d);
            if (_zeros.Length < count) _zeros = new float[count];
            return new KerasWeight(_zeros, expectedShape);
        }
    }
}
