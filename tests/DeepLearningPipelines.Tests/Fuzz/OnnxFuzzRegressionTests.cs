using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Fuzz;

/// <summary>ONNX models found by fuzzing; each must be refused with a <see cref="ModelFormatException"/>.</summary>
public sealed class OnnxFuzzRegressionTests
{
    [Fact]
    public void Node_without_its_required_input_is_refused_naming_the_node()
    {
        // The seed classifier with the MaxPool node's only input removed.
        var error = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(FuzzFixtures.Bytes("onnx-maxpool-without-input.onnx")));
        Assert.Contains("node 'pool' (MaxPool): needs 1 input(s) but has 0", error.Message);
    }
}
