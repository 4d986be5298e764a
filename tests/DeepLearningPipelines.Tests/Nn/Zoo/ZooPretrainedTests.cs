using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Keras;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>
/// Built-in architectures loaded by layer name with the shared TF.js weights reproduce the TF.js references:
/// InceptionV3 without top vs the backbone's <c>mixed10</c> (atol 5e-5) and pooled vector (atol 1e-5); MobileNet 0.25 with
/// top vs the classifier's probabilities (atol 1e-5) and pooled 256-d features (atol 1e-4).
/// </summary>
public class ZooPretrainedTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void InceptionV3WithBackboneWeightsMatchesTfjs(Engine engine)
    {
        var weights = TfjsModel.Load(Path.Combine(SharedModels.InceptionDir, "model.json")).Weights;
        var graph = ZooCatalog.Get("InceptionV3").Build(includeTop: false, weights);
        var mixed10 = SharedModels.Run(graph, SharedModels.InceptionReference("chelsea.input.f32"), 299, engine)["mixed10"];

        float err = TestData.AssertClose(SharedModels.InceptionReference("chelsea.mixed10.f32"), mixed10, 5e-5f, context: "chelsea mixed10");
        float gapErr = TestData.AssertClose(SharedModels.InceptionReference("chelsea.gap2048.f32"),
            TfjsReferenceTests.GlobalAverage(mixed10, 64, 2048), 1e-5f, context: "chelsea gap2048");
        output.WriteLine($"chelsea: max |zoo InceptionV3 − tfjs| mixed10 {err:E2}, gap2048 {gapErr:E2}");
    }

    [Theory]
    [InlineData("chelsea", Engine.Managed)]
    [InlineData("rocket", Engine.Managed)]
    [InlineData("chelsea", Engine.OnnxRuntime)]
    [InlineData("rocket", Engine.OnnxRuntime)]
    public void MobileNetQuarterWithSharedWeightsMatchesTfjs(string image, Engine engine)
    {
        var weights = TfjsModel.Load(Path.Combine(SharedModels.MobileNetDir, "model.json")).Weights;
        var graph = ZooCatalog.Get("MobileNet_0.25").Build(includeTop: true, weights, ["predictions", "global_average_pooling2d"]);
        var results = SharedModels.Run(graph, SharedModels.MobileNetReference($"{image}.input.f32"), 224, engine);

        float probsErr = TestData.AssertClose(SharedModels.MobileNetReference($"{image}.probs.f32"), results["predictions"], 1e-5f, context: $"{image} probs");
        float gapErr = TestData.AssertClose(SharedModels.MobileNetReference($"{image}.gap256.f32"), results["global_average_pooling2d"], 1e-4f, context: $"{image} gap256");
        output.WriteLine($"{image}: max |zoo MobileNet 0.25 − tfjs| probs {probsErr:E2}, gap256 {gapErr:E2}");
    }
}
