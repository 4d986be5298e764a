using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Stages;
using KerasFixtures = DeepLearningPipelines.Tests.Nn.Keras.SharedModels;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// ImageFileTransformer as sparkdl's KerasImageFileTransformer: a loader that returns the model's input already
/// preprocessed is fed as it is, and the featurizer's feature layer and pooling apply. MobileNet v1 0.25 (TF.js) on the
/// shared input tensors against TensorFlow.js (probabilities atol 1e-5, pooled features 1e-4, as the engine tests).
/// </summary>
public class ImageFileTransformerTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();
    private static readonly string[] Names = ["chelsea", "coffee"];

    private static string MobileNet => Path.Combine(KerasFixtures.MobileNetDir, "model.json");

    private static DataFrame Uris() => Session.CreateDataFrame(Names.Select(n => new object?[] { n }), new StructType(new StructField("uri", DataTypes.String)));

    private static float[] Input(string uri) => KerasFixtures.MobileNetReference($"{uri}.input.f32");

    private static Dictionary<string, float[]> Outputs(ImageFileTransformer stage) => stage.SetUseCache(false).Transform(Uris()).Collect()
        .ToDictionary(r => (string)r["uri"]!, r => ((Vector)r["predictions"]!).ToArray().Select(v => (float)v).ToArray());

    [Fact]
    public void APreprocessedArrayFromTheLoaderIsFedWithoutASecondResize()
    {
        var outputs = Outputs(new ImageFileTransformer().SetModelFile(MobileNet).SetImageLoader(Input));

        foreach (var name in Names)
            Nn.TestData.AssertClose(KerasFixtures.MobileNetReference($"{name}.probs.f32"), outputs[name], 1e-5f, context: name);
    }

    [Fact]
    public void TheFeatureLayerAndPoolingApplyAsOnTheFeaturizer()
    {
        var pooled = Outputs(new ImageFileTransformer().SetModelFile(MobileNet).SetImageLoader(Input).SetFeatureLayer("conv_pw_13_relu").SetPooling("avg"));
        var flat = Outputs(new ImageFileTransformer().SetModelFile(MobileNet).SetImageLoader(Input).SetFeatureLayer("conv_pw_13_relu"));

        foreach (var name in Names)
        {
            Nn.TestData.AssertClose(KerasFixtures.MobileNetReference($"{name}.gap256.f32"), pooled[name], 1e-4f, context: name);
            Assert.Equal(7 * 7 * 256, flat[name].Length);
            var means = Enumerable.Range(0, 256).Select(c => (float)Enumerable.Range(0, 49).Average(p => flat[name][p * 256 + c])).ToArray();
            Nn.TestData.AssertClose(pooled[name], means, 1e-5f, context: name);
        }
    }

    [Fact]
    public void AnArrayOfTheWrongSizeNamesTheModelsInput()
    {
        var stage = new ImageFileTransformer().SetModelFile(MobileNet).SetImageLoader(_ => new float[224 * 224]).SetUseCache(false);

        var e = Assert.Throws<DataFormatException>(() => stage.Transform(Uris()).Collect());

        Assert.EndsWith("takes 150528 input values per image ([224,224,3], Nhwc), but image 0 of the batch has 50176.", e.Message);
    }

    [Fact]
    public void BothLoadersAtOnceAreRefused()
    {
        var stage = new ImageFileTransformer().SetModelFile(MobileNet).SetImageLoader(Input).SetImageLoader(ImageFileTransformer.DefaultLoader);

        var e = Assert.Throws<ParamException>(() => stage.TransformSchema(Uris().Schema));

        Assert.Contains("set one of them", e.Message);
    }
}
