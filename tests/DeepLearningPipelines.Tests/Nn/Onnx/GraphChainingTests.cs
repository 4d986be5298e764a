using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

/// <summary>Two imported graphs chained end to end compute the second applied to the first.</summary>
public class GraphChainingTests
{
    private static ModelGraph Affine(string input, string output, string weight, float scale)
    {
        var b = new OnnxModelBuilder(13).Input(input, 1, 4).Output(output, 1, 4).Floats(weight, [scale], 1);
        b.Node("Mul", [input, weight], output);
        return OnnxImporter.Load(b.Build());
    }

    [Fact]
    public void ChainFeedsTheFrontOutputIntoTheBackInput()
    {
        var chained = GraphChaining.Chain(Affine("x", "h", "two", 2f), Affine("in", "y", "three", 3f));
        Assert.Equal("x", chained.Inputs.Single().Name);
        Assert.Equal("y", chained.Outputs.Single().Name);
        using var executor = new GraphExecutor(chained);
        using var y = executor.Run(new Tensor([1f, -2f, 0.5f, 4f], 1, 4));
        Assert.Equal([6f, -12f, 3f, 24f], y.ToArray());
    }

    [Fact]
    public void ChainRejectsCollidingNamesAndShapes()
    {
        var clash = Assert.Throws<ModelFormatException>(() => GraphChaining.Chain(Affine("x", "h", "w", 2f), Affine("in", "y", "w", 3f)));
        Assert.Contains("'w'", clash.Message);
        var b = new OnnxModelBuilder(13).Input("in", 1, 5).Output("y", 1, 5);
        b.Node("Relu", ["in"], "y");
        var shape = Assert.Throws<ModelFormatException>(() => GraphChaining.Chain(Affine("x", "h", "w", 2f), OnnxImporter.Load(b.Build())));
        Assert.Contains("does not fit", shape.Message);
    }
}
