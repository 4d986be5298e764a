using DeepLearningPipelines.Cli.Bench.Ort;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Bench;

/// <summary>The C-API binding against the real library: version, function-table order and numerics on SqueezeNet.</summary>
public class OrtSessionTests
{
    private static OrtRuntime Ort => OrtRuntime.Load(OrtLibraryLocator.Find()!);
    private static string Reference(string file) => Path.Combine(SharedModels.Folder, "squeezenet1.1", "reference_ort", file);

    [OrtFact]
    public void ReportsTheInstalledVersion() => Assert.StartsWith("1.30.", Ort.Version);

    [OrtFact]
    public void ReadsTheModelsInputAndOutputNames()
    {
        using var session = new OrtSession(Ort, SharedModels.SqueezeNet, intraOpThreads: 1, interOpThreads: 1);
        Assert.Equal("data_0", session.InputName);
        Assert.Equal("softmaxout_1", session.OutputName);
    }

    [OrtTheory]
    [InlineData("fish")]
    [InlineData("coffee")]
    public void SqueezeNetMatchesTheOnnxRuntimeReference(string image)
    {
        using var session = new OrtSession(Ort, SharedModels.SqueezeNet, intraOpThreads: 1, interOpThreads: 1);
        var output = session.Run(SharedModels.ReadF32(Reference(image + ".input.f32")), [1, 3, 224, 224], out int[] shape);
        Assert.Equal([1, 1000, 1, 1], shape);
        var expected = SharedModels.ReadF32(Reference(image + ".softmaxout_1.f32"));
        Assert.Equal(expected.Length, output.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - output[i]) <= 1e-4f, $"class {i}: {output[i]} vs {expected[i]}");
    }

    [OrtFact]
    public void AWrongInputShapeGivesOnnxRuntimesMessage()
    {
        using var session = new OrtSession(Ort, SharedModels.SqueezeNet, intraOpThreads: 1, interOpThreads: 1);
        var e = Assert.Throws<DlpException>(() => session.Run(new float[3 * 10 * 10], [1, 3, 10, 10], out _));
        Assert.StartsWith("ONNX Runtime: ", e.Message);
    }

    [OrtFact]
    public void AMissingModelFileIsReported()
    {
        var e = Assert.Throws<DlpException>(() => new OrtSession(Ort, "/nowhere/model.onnx", 1, 1));
        Assert.Contains("/nowhere/model.onnx", e.Message);
    }
}
