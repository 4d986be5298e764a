using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn;
using DeepLearningPipelines.Tests.Nn.Execution;
using DeepLearningPipelines.Tests.Nn.Keras;
using DeepLearningPipelines.Tests.Nn.Onnx;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// The pooling and channels-last flattening that image stages return are graph nodes, computed by either engine:
/// on the InceptionV3 backbone (NHWC) they give tfjs's gap2048 (atol 1e-5) and mixed10 (atol 5e-5); on SqueezeNet
/// (NCHW) the flattened value is the raw value in channels-last order.
/// </summary>
public class FeatureNodesTests
{
    [Theory]
    [InlineData(Engine.OnnxRuntime)]
    [InlineData(Engine.Managed)]
    public void ChannelsLastFeaturesPoolAndFlattenInTheGraph(Engine engine)
    {
        var graph = TfjsModel.Load(Path.Combine(SharedModels.InceptionDir, "model.json")).ToGraph();
        var (pooled, flat) = FeatureNodes.Append(graph, "mixed10", TensorLayout.Nhwc);
        using var input = new Tensor(SharedModels.InceptionReference("chelsea.input.f32"), 1, 299, 299, 3);
        var results = EngineRunner.Run(engine, graph, input, pooled, flat);
        TestData.AssertClose(SharedModels.InceptionReference("chelsea.gap2048.f32"), results[pooled], 1e-5f, context: $"{engine} pooled");
        TestData.AssertClose(SharedModels.InceptionReference("chelsea.mixed10.f32"), results[flat], 5e-5f, context: $"{engine} flat");
    }

    [Theory]
    [InlineData(Engine.OnnxRuntime)]
    [InlineData(Engine.Managed)]
    public void ChannelsFirstFeaturesFlattenChannelsLast(Engine engine)
    {
        var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        const string feature = "fire9/concat_1";
        var (pooled, flat) = FeatureNodes.Append(graph, feature, TensorLayout.Nchw);
        using var input = new Tensor(TestData.ReadF32(Path.Combine(TestData.ModelsDir, "squeezenet1.1", "reference_ort", "fish.input.f32")), 1, 3, 224, 224);
        var results = EngineRunner.Run(engine, graph, input, feature, pooled, flat);
        float[] nchw = results[feature];
        const int channels = 512, positions = 13 * 13;
        var expectedFlat = new float[nchw.Length];
        var expectedPooled = new float[channels];
        for (int c = 0; c < channels; c++)
            for (int p = 0; p < positions; p++)
            {
                expectedFlat[p * channels + c] = nchw[c * positions + p];
                expectedPooled[c] += nchw[c * positions + p] / positions;
            }
        Assert.Equal(expectedFlat, results[flat]);
        TestData.AssertClose(expectedPooled, results[pooled], 1e-5f, rtol: 1e-5f, context: $"{engine} pooled");
    }
}
