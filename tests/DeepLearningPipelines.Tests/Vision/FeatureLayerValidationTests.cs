using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>A wrong feature layer is reported when the model loads, before any image is read, with the valid names.</summary>
public class FeatureLayerValidationTests
{
    private static string SqueezeNet => Path.Combine(TestPaths.RepoRoot, "samples", "models", "squeezenet1.1", "model.onnx");

    [Fact]
    public void UnknownFeatureLayerNamesTheValidLayersNearestTheOutputFirst()
    {
        using var session = DlpSession.Builder().NewSession();
        var featurizer = new DeepImageFeaturizer().SetModelName(SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_9");
        var e = Assert.Throws<ModelFormatException>(() => featurizer.LoadModel(session));
        Assert.Contains("'fire9/concat_9' does not exist", e.Message);
        Assert.Contains("Valid layers (", e.Message);
        Assert.Contains("softmaxout_1, pool10_1, conv10_2", e.Message);
        Assert.Contains("fire9/concat_1", e.Message);
    }

    [Fact]
    public void AValidFeatureLayerLoads()
    {
        using var session = DlpSession.Builder().NewSession();
        var featurizer = new DeepImageFeaturizer().SetModelName(SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_1");
        Assert.Equal(224, featurizer.LoadModel(session).Spec.InputWidth);
    }
}
