using DeepLearningPipelines.Nn.Keras.Tfjs;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>
/// The TF.js importer against @tensorflow/tfjs 4.22 outputs of the shared fixtures, with the README's tolerances:
/// MobileNet v1 0.25 (float32) probabilities atol 1e-5 and pooled 256-d features atol 1e-4; InceptionV3 backbone
/// (uint8-quantized) <c>mixed10</c> [1,8,8,2048] atol 5e-5 and its global average atol 1e-5.
/// </summary>
public class TfjsReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("chelsea", 285)]
    [InlineData("coffee", 967)]
    [InlineData("rocket", 668)]
    public void MobileNetMatchesTfjs(string image, int top1)
    {
        var model = TfjsModel.Load(Path.Combine(SharedModels.MobileNetDir, "model.json"));
        var graph = model.ToGraph(["reshape_2", "global_average_pooling2d_1"]);
        Assert.Equal([-1, 224, 224, 3], graph.Inputs[0].Shape);
        var results = SharedModels.Run(graph, SharedModels.MobileNetReference($"{image}.input.f32"), 224);

        float probsErr = TestData.AssertClose(SharedModels.MobileNetReference($"{image}.probs.f32"), results["reshape_2"], 1e-5f, context: $"{image} probs");
        float gapErr = TestData.AssertClose(SharedModels.MobileNetReference($"{image}.gap256.f32"), results["global_average_pooling2d_1"], 1e-4f, context: $"{image} gap256");
        output.WriteLine($"{image}: max |ours − tfjs| probs {probsErr:E2}, gap256 {gapErr:E2}");
        Assert.Equal(top1, Array.IndexOf(results["reshape_2"], results["reshape_2"].Max()));
    }

    [Fact]
    public void InceptionBackboneMatchesTfjsMixed10()
    {
        var model = TfjsModel.Load(Path.Combine(SharedModels.InceptionDir, "model.json"));
        var graph = model.ToGraph();
        Assert.Equal([-1, 8, 8, 2048], graph.Outputs[0].Shape);
        var mixed10 = SharedModels.Run(graph, SharedModels.InceptionReference("chelsea.input.f32"), 299)["mixed10"];

        float err = TestData.AssertClose(SharedModels.InceptionReference("chelsea.mixed10.f32"), mixed10, 5e-5f, context: "chelsea mixed10");
        float gapErr = TestData.AssertClose(SharedModels.InceptionReference("chelsea.gap2048.f32"), GlobalAverage(mixed10, 64, 2048), 1e-5f, context: "chelsea gap2048");
        output.WriteLine($"chelsea: max |ours − tfjs| mixed10 {err:E2}, gap2048 {gapErr:E2}");
    }

    /// <summary>Mean over the positions of an NHWC [1, positions, channels] tensor.</summary>
    internal static float[] GlobalAverage(float[] nhwc, int positions, int channels)
    {
        var result = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            for (int p = 0; p < positions; p++) sum += nhwc[p * channels + c];
            result[c] = (float)(sum / positions);
        }
        return result;
    }
}
