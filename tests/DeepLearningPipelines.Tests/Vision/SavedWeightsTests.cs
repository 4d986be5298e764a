using System.Security.Cryptography;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>A saved featurizer or predictor records its model's weights (name and SHA-256) and refuses changed ones.</summary>
public class SavedWeightsTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[1]").GetOrCreate();

    private static string Sha256Of(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    public static TheoryData<string> Stages() => new() { "featurizer", "predictor" };

    private static Transformer NewStage(string kind, string model) => kind == "featurizer"
        ? new DeepImageFeaturizer().SetModelName(model).SetUseCache(false)
        : new DeepImagePredictor().SetModelName(model).SetUseCache(false);

    private static void LoadModel(PipelineStage stage)
    {
        if (stage is DeepImageFeaturizer f) f.LoadModel(Session);
        else ((DeepImagePredictor)stage).LoadModel(Session);
    }

    [Theory, MemberData(nameof(Stages))]
    public void TheSavedStageRecordsTheModelNameAndTheSha256OfItsWeights(string kind)
    {
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 1);
        var dir = Path.Combine(TestPaths.NewTempDir(), "stage");

        NewStage(kind, model).Save(dir);

        var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "data", "weights.json"))).RootElement;
        Assert.Equal(model, record.GetProperty("modelName").GetString());
        Assert.Equal(Sha256Of(model), record.GetProperty("sha256").GetString());
    }

    [Theory, MemberData(nameof(Stages))]
    public void LoadingAfterTheWeightsFileChangedFailsNamingBothDigests(string kind)
    {
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 1);
        string before = Sha256Of(model);
        var dir = Path.Combine(TestPaths.NewTempDir(), "stage");
        NewStage(kind, model).Save(dir);
        LoadModel(PipelineStage.LoadStage(dir));

        TinyFeatureModel.Write(model, seed: 2);

        var e = Assert.Throws<PersistenceException>(() => PipelineStage.LoadStage(dir));
        Assert.Contains($"was saved with the weights of {model} whose SHA-256 was {before}, but they now hash to {Sha256Of(model)}: the weights file changed", e.Message);
    }

    [Theory, MemberData(nameof(Stages))]
    public void WeightsAbsentAtLoadAreCheckedWhenTheModelIsLoaded(string kind)
    {
        var model = TinyFeatureModel.Write(Path.Combine(TestPaths.NewTempDir(), "tiny.onnx"), seed: 1);
        var dir = Path.Combine(TestPaths.NewTempDir(), "stage");
        NewStage(kind, model).Save(dir);
        File.Delete(model);
        var loaded = PipelineStage.LoadStage(dir);

        TinyFeatureModel.Write(model, seed: 3);

        var e = Assert.Throws<PersistenceException>(() => LoadModel(loaded));
        Assert.Contains("the weights file changed", e.Message);
    }
}
