using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Execution;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

/// <summary>Operators whose ONNX form changed between opsets import to the same computation.</summary>
public class OnnxOpsetFormTests
{
    private static float[] Run(byte[] model, float[] x, params int[] shape) => Run(Engine.Managed, model, x, shape);

    private static float[] Run(Engine engine, byte[] model, float[] x, params int[] shape)
    {
        var graph = OnnxImporter.Load(model);
        using var input = new Tensor(x, shape);
        return EngineRunner.Run(engine, graph, input)[graph.Outputs[0].Name];
    }

    private static readonly float[] X = [-3f, -0.5f, 0f, 0.25f, 2f, 7f];

    [Theory]
    [InlineData(7, Engine.Managed)]
    [InlineData(13, Engine.Managed)]
    [InlineData(7, Engine.OnnxRuntime)]
    [InlineData(13, Engine.OnnxRuntime)]
    public void ClipAttributeAndInputForms(int opset, Engine engine)
    {
        var b = new OnnxModelBuilder(opset).Input("x", 2, 3).Output("y", 2, 3);
        if (opset < 11) b.Node("Clip", ["x"], "y").Float("min", -1f).Float("max", 1.5f);
        else
        {
            b.Floats("lo", [-1f]).Floats("hi", [1.5f]);
            b.Node("Clip", ["x", "lo", "hi"], "y");
        }
        Assert.Equal([-1f, -0.5f, 0f, 0.25f, 1.5f, 1.5f], Run(engine, b.Build(), X, 2, 3));
    }

    [Fact]
    public void SoftmaxBeforeOpset13FlattensFromAxis()
    {
        // Shape [1,2,3], axis 1: opset 11 normalises over all 6 values, opset 13 over each column of 2.
        byte[] Model(int opset)
        {
            var b = new OnnxModelBuilder(opset).Input("x", 1, 2, 3).Output("y", 1, 2, 3);
            b.Node("Softmax", ["x"], "y").Int("axis", 1);
            return b.Build();
        }
        float[] old = Run(Model(11), X, 1, 2, 3), current = Run(Model(13), X, 1, 2, 3);
        Assert.Equal(1.0, old.Sum(), 5);
        for (int c = 0; c < 3; c++) Assert.Equal(1.0, current[c] + current[3 + c], 5);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void SqueezeUnsqueezeAttributeAndInputForms(int opset)
    {
        var b = new OnnxModelBuilder(opset).Input("x", 1, 6, 1).Output("y", 6, 1, 1);
        if (opset < 13)
        {
            b.Node("Squeeze", ["x"], "s").Ints("axes", 0, 2);
            b.Node("Unsqueeze", ["s"], "y").Ints("axes", 1, 2);
        }
        else
        {
            b.Ints("sq", 0, 2).Ints("un", 1, 2);
            b.Node("Squeeze", ["x", "sq"], "s");
            b.Node("Unsqueeze", ["s", "un"], "y");
        }
        using var executor = new GraphExecutor(OnnxImporter.Load(b.Build()));
        using var y = executor.Run(new Tensor((float[])X.Clone(), 1, 6, 1));
        Assert.Equal([6, 1, 1], y.Shape);
        Assert.Equal(X, y.ToArray());
    }

    [Theory]
    [InlineData(7, Engine.Managed)]
    [InlineData(13, Engine.Managed)]
    [InlineData(7, Engine.OnnxRuntime)]
    [InlineData(13, Engine.OnnxRuntime)]
    public void PadAttributeAndInputForms(int opset, Engine engine)
    {
        var b = new OnnxModelBuilder(opset).Input("x", 2, 3).Output("y", 3, 5);
        if (opset < 11) b.Node("Pad", ["x"], "y").Ints("pads", 1, 0, 0, 2).Float("value", 9f);
        else
        {
            b.Ints("pads", 1, 0, 0, 2).Floats("v", [9f]);
            b.Node("Pad", ["x", "pads", "v"], "y");
        }
        Assert.Equal([9, 9, 9, 9, 9, -3, -0.5f, 0, 9, 9, 0.25f, 2, 7, 9, 9], Run(engine, b.Build(), X, 2, 3));
    }

    [Fact]
    public void ReshapeTransposeFlattenGemmWithDynamicBatch()
    {
        float[] w = Enumerable.Range(1, 12).Select(i => (float)i).ToArray();
        var b = new OnnxModelBuilder(13).Input("x", -1, 2, 3).Output("y", -1, 2);
        b.Ints("shape", 0, 3, 2).Floats("w", w, 2, 6).Floats("c", [10, 20], 2);
        b.Node("Reshape", ["x", "shape"], "r");
        b.Node("Transpose", ["r"], "t").Ints("perm", 0, 2, 1);
        b.Node("Flatten", ["t"], "f").Int("axis", 1);
        b.Node("Gemm", ["f", "w", "c"], "y").Int("transB", 1);
        float[] x = [1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 1];
        using var executor = new GraphExecutor(OnnxImporter.Load(b.Build()));
        using var y = executor.Run(new Tensor(x, 2, 2, 3));
        // Per image r = [[a,b],[c,d],[e,f]] → t = [[a,c,e],[b,d,f]] → flattened [a,c,e,b,d,f]; y = f·wᵀ + c.
        float[][] flat = [[1, 3, 5, 2, 4, 6], [0, 0, 0, 0, 0, 1]];
        var expected = new float[4];
        for (int n = 0; n < 2; n++)
            for (int o = 0; o < 2; o++)
                expected[n * 2 + o] = (o == 0 ? 10 : 20) + Enumerable.Range(0, 6).Sum(k => flat[n][k] * w[o * 6 + k]);
        Assert.Equal([2, 2], y.Shape);
        Assert.Equal(expected, y.ToArray());
    }
}
