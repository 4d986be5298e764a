using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Execution;

namespace DeepLearningPipelines.Tests.Nn.Onnx;

/// <summary>ONNX Split (attribute and input forms) and Slice against a naive element-by-element reference.</summary>
public class OnnxSplitSliceTests
{
    private static readonly int[] Shape = [2, 6, 3, 4];
    private static readonly float[] X = Enumerable.Range(0, 2 * 6 * 3 * 4).Select(i => (float)Math.Sin(i * 0.37) * 10f).ToArray();

    /// <summary>The naive reference: the box <paramref name="begin"/> + <paramref name="size"/> of a C-order tensor.</summary>
    private static float[] NaiveSlice(float[] x, int[] shape, int[] begin, int[] size)
    {
        var result = new List<float>();
        var index = new int[shape.Length];
        for (int flat = 0; flat < x.Length; flat++)
        {
            for (int d = shape.Length - 1, rest = flat; d >= 0; d--) { index[d] = rest % shape[d]; rest /= shape[d]; }
            if (index.Select((v, d) => v >= begin[d] && v < begin[d] + size[d]).All(inside => inside)) result.Add(x[flat]);
        }
        return [.. result];
    }

    private static Dictionary<string, float[]> RunAll(byte[] model, params string[] outputs) => RunAll(Engine.Managed, model, outputs);

    private static Dictionary<string, float[]> RunAll(Engine engine, byte[] model, params string[] outputs)
    {
        using var x = new Tensor((float[])X.Clone(), Shape);
        return EngineRunner.Run(engine, OnnxImporter.Load(model), x, outputs);
    }

    [Theory]
    [InlineData(8, Engine.Managed)]
    [InlineData(13, Engine.Managed)]
    [InlineData(8, Engine.OnnxRuntime)]
    [InlineData(13, Engine.OnnxRuntime)]
    public void SplitMatchesNaiveSlices(int opset, Engine engine)
    {
        var b = new OnnxModelBuilder(opset).Input("x", 2, 6, 3, 4).Output("a", 2, 1, 3, 4).Output("b", 2, 2, 3, 4).Output("c", 2, 3, 3, 4);
        var split = opset < 13 ? b.Node("Split", ["x"], "a").Int("axis", 1).Ints("split", 1, 2, 3) : b.Ints("sizes", 1, 2, 3).Node("Split", ["x", "sizes"], "a").Int("axis", 1);
        split.Output.Add("b");
        split.Output.Add("c");
        var y = RunAll(engine, b.Build(), "a", "b", "c");
        Assert.Equal(NaiveSlice(X, Shape, [0, 0, 0, 0], [2, 1, 3, 4]), y["a"]);
        Assert.Equal(NaiveSlice(X, Shape, [0, 1, 0, 0], [2, 2, 3, 4]), y["b"]);
        Assert.Equal(NaiveSlice(X, Shape, [0, 3, 0, 0], [2, 3, 3, 4]), y["c"]);
    }

    [Fact]
    public void SplitAlongTheLastAxisWithNegativeAxis()
    {
        var b = new OnnxModelBuilder(8).Input("x", 2, 6, 3, 4).Output("a", 2, 6, 3, 3).Output("b", 2, 6, 3, 1);
        b.Node("Split", ["x"], "a").Int("axis", -1).Ints("split", 3, 1).Output.Add("b");
        var y = RunAll(b.Build(), "a", "b");
        Assert.Equal(NaiveSlice(X, Shape, [0, 0, 0, 0], [2, 6, 3, 3]), y["a"]);
        Assert.Equal(NaiveSlice(X, Shape, [0, 0, 0, 3], [2, 6, 3, 1]), y["b"]);
    }

    [Theory]
    [InlineData(9, Engine.Managed)]
    [InlineData(13, Engine.Managed)]
    [InlineData(9, Engine.OnnxRuntime)]
    [InlineData(13, Engine.OnnxRuntime)]
    public void SliceClampsAndCountsFromTheEnd(int opset, Engine engine)
    {
        // Axes 1 and 2: channels −4..+∞ (2..6) and rows 1..2; other axes whole.
        var b = new OnnxModelBuilder(opset).Input("x", 2, 6, 3, 4).Output("y", 2, 4, 1, 4);
        if (opset < 10) b.Node("Slice", ["x"], "y").Ints("starts", -4, 1).Ints("ends", long.MaxValue, 2).Ints("axes", 1, 2);
        else b.Ints("s", -4, 1).Ints("e", int.MaxValue, 2).Ints("ax", 1, 2).Node("Slice", ["x", "s", "e", "ax"], "y");
        Assert.Equal(NaiveSlice(X, Shape, [0, 2, 1, 0], [2, 4, 1, 4]), RunAll(engine, b.Build(), "y")["y"]);
    }

    [Fact]
    public void SlicesSurviveExportAndReimport()
    {
        var b = new OnnxModelBuilder(8).Input("x", 2, 6, 3, 4).Output("a", 2, 6, 3, 3).Output("b", 2, 6, 3, 1);
        b.Node("Split", ["x"], "a").Int("axis", 3).Ints("split", 3, 1).Output.Add("b");
        var reimported = OnnxExporter.ToBytes(OnnxImporter.Load(b.Build()));
        Assert.Equal(RunAll(b.Build(), "a", "b"), RunAll(reimported, "a", "b"));
    }

    [Fact]
    public void SliceWithStepsIsRejected()
    {
        var b = new OnnxModelBuilder(13).Input("x", 2, 6, 3, 4).Output("y", 2, 3, 3, 4);
        b.Ints("s", 0).Ints("e", 6).Ints("ax", 1).Ints("st", 2).Node("Slice", ["x", "s", "e", "ax", "st"], "y");
        var e = Assert.Throws<ModelFormatException>(() => OnnxImporter.Load(b.Build()));
        Assert.Contains("steps", e.Message);
    }

    [Fact]
    public void SplitBeforeConcatRunsAnyBatchOnceMadeDynamic()
    {
        // The ResNetPreprocess pattern: RGB planes split, re-joined as BGR, minus a mean of batch 1, from a model of batch 1.
        float[] mean = Enumerable.Range(0, 3 * 2 * 2).Select(i => i * 0.5f).ToArray();
        var b = new OnnxModelBuilder(8).Input("x", 1, 3, 2, 2).Output("y", 1, 3, 2, 2).Floats("mean", mean, 1, 3, 2, 2);
        b.Node("Split", ["x"], "r").Int("axis", 1).Ints("split", 1, 1, 1).Output.Add("g");
        b.Graph.Node[^1].Output.Add("bl");
        b.Node("Concat", ["bl", "g", "r"], "bgr").Int("axis", 1);
        b.Node("Sub", ["bgr", "mean"], "y");
        var graph = OnnxImporter.Load(b.Build());
        graph.MakeBatchDynamic();
        using var executor = new GraphExecutor(graph);
        float[] batch = Enumerable.Range(0, 3 * 12).Select(i => (float)(i * 7 % 11)).ToArray();
        using var all = executor.Run(new Tensor((float[])batch.Clone(), 3, 3, 2, 2));
        for (int n = 0; n < 3; n++)
        {
            float[] image = batch[(n * 12)..((n + 1) * 12)];
            using var one = executor.Run(new Tensor((float[])image.Clone(), 1, 3, 2, 2));
            float[] expected = [.. Enumerable.Range(0, 12).Select(i => image[(2 - i / 4) * 4 + i % 4] - mean[i])];
            Assert.Equal(expected, one.ToArray());
            Assert.Equal(expected, all.Span.Slice(n * 12, 12).ToArray());
        }
    }
}
