using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Cli;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision.Predictor;

/// <summary>DeepImagePredictor on a model without its ImageNet classifier says so before reading any image.</summary>
public class PredictorWithoutClassifierTests
{
    private const string Expected = "this model has no ImageNet classifier; use the featurizer or load the weights with the top";

    [Fact]
    public void TheInceptionV3BackboneInTheModelsFolderIsRefusedWhenLoaded()
    {
        using var session = DlpSession.Builder().Master("local[1]").NewSession();
        ImageModels.For(session).Registry = SharedModels.Registry();

        var e = Assert.Throws<ModelFormatException>(() => new DeepImagePredictor().SetModelName("InceptionV3").LoadModel(session));

        Assert.Contains(Expected, e.Message);
        Assert.Contains("holds the model without its top", e.Message);
    }

    [Fact]
    public void AZooModelWhoseTopWeightsAreAbsentOfflineNamesTheFileToAdd()
    {
        using var session = DlpSession.Builder().Master("local[1]").NewSession();
        var dir = TestPaths.NewTempDir();
        ImageModels.For(session).Registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = dir, AllowDownload = false });

        var e = Assert.Throws<ModelFormatException>(() => new DeepImagePredictor().SetModelName("ResNet50").LoadModel(session));

        Assert.Equal($"Model ResNet50: {Expected} ({dir} has no weights with the top: put resnet50_weights_tf_dim_ordering_tf_kernels.h5 there, or run 'dlp models fetch ResNet50 --include-top' while online).", e.Message);
    }

    [Fact]
    public void ABackboneFileWithDecodedPredictionsFailsInTransformSchemaNamingItsOutputShape()
    {
        var backbone = Path.Combine(SharedModels.Folder, "inception_v3_backbone", "model.json");
        var predictor = new DeepImagePredictor().SetModelName(backbone).SetPreprocessing("tf").SetDecodePredictions(true);

        var e = Assert.Throws<ModelFormatException>(() => predictor.TransformSchema(ImageSchema.ImageFields));

        Assert.Contains(Expected, e.Message);
        Assert.Contains("its output 'mixed10' has shape [8,8,2048] per image, not the 1000 ImageNet classes decodePredictions needs", e.Message);
    }

    [Fact]
    public void DlpPredictWithTheDefaultModelAndOnlyBackboneWeightsSaysTheSame()
    {
        var models = TestPaths.NewTempDir();
        Directory.CreateSymbolicLink(Path.Combine(models, "InceptionV3"), Path.Combine(SharedModels.Folder, "inception_v3_backbone"));
        var env = new Dictionary<string, string> { ["DLP_MODELS"] = models, ["DLP_OFFLINE"] = "1" };

        var (code, _, stderr) = DlpProcess.Run(env, "predict", SharedModels.Image("coffee.png"));

        Assert.Equal(1, code);
        Assert.Contains(Expected, stderr);
    }
}
