using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Networks;

namespace DeepLearningPipelines.Tests.Nn.Networks;

/// <summary>The compact <c>--layers</c> grammar.</summary>
public class LayerSpecTests
{
    [Fact]
    public void SmallCnnSpecGivesTheKerasNetwork()
    {
        var model = LayerSpec.Parse("conv32-pool-conv64-pool-dense128-dense10", [28, 28, 1], classes: 10);
        Assert.Collection(model.Layers,
            l => Assert.Equal(32, Assert.IsType<Conv2D>(l).Filters),
            l => Assert.Equal(2, Assert.IsType<MaxPooling2D>(l).Window.KernelH),
            l => Assert.Equal("relu", Assert.IsType<Conv2D>(l).Activation),
            l => Assert.IsType<MaxPooling2D>(l),
            l => Assert.IsType<Flatten>(l),
            l => Assert.Equal(128, Assert.IsType<Dense>(l).Units),
            l => Assert.Equal("softmax", Assert.IsType<Dense>(l).Activation));
        Assert.Equal(421_642, model.ToNetwork().ParameterCount);
    }

    [Fact]
    public void OptionsAndAnAppendedClassifier()
    {
        var model = LayerSpec.Parse("conv8k5s2v-bn-dw-avgpool3-gap-drop0.25", [32, 32, 3], classes: 3);
        var conv = Assert.IsType<Conv2D>(model.Layers[0]);
        Assert.Equal((5, 2, KerasPadding.Valid), (conv.Window.KernelH, conv.Window.StrideH, conv.Window.Padding));
        Assert.Equal(3, Assert.IsType<AveragePooling2D>(model.Layers[3]).Window.KernelH);
        Assert.Equal(0.25f, Assert.IsType<Dropout>(model.Layers[5]).Rate);
        var classifier = Assert.IsType<Dense>(model.Layers[^1]);
        Assert.Equal((3, "softmax"), (classifier.Units, classifier.Activation));
        Assert.Equal([3], model.ToNetwork().OutputShape);

        var flattened = LayerSpec.Parse("conv4-pool", [8, 8, 1], classes: 2);
        Assert.IsType<Flatten>(flattened.Layers[^2]);
        Assert.Equal(2, LayerSpec.Parse("dense16-dense5", [6], classes: 5).Layers.Count);
    }

    [Theory]
    [InlineData("conv32--dense10", "empty layer")]
    [InlineData("conv32-lstm8", "'lstm8' is not a layer")]
    [InlineData("conv0", "filters must be at least 1")]
    public void BadSpecsSayWhatIsWrong(string spec, string message) =>
        Assert.Contains(message, Assert.Throws<ParamException>(() => LayerSpec.Parse(spec, [8, 8, 1], 2)).Message);
}
