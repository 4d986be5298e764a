using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>Damaged saved folders: each must be refused at load with a <see cref="PersistenceException"/> saying what is wrong.</summary>
public class PersistenceTests
{
    private static PipelineModel FittedPipeline(DataFrame data) => new Pipeline().SetStages(
        new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex"),
        new OneHotEncoder().SetInputCols("wordIndex").SetOutputCols("wordVec"),
        new VectorAssembler().SetInputCols("wordVec", "features").SetOutputCol("all"),
        new LogisticRegression().SetFeaturesCol("all").SetMaxIter(10)).Fit(data);

    private static string Saved(SavableParams stage)
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "saved");
        stage.Save(dir);
        return dir;
    }

    /// <summary>Rewrites a JSON file of a saved folder.</summary>
    private static void Edit(string file, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!;
        change(node);
        File.WriteAllText(file, node.ToJsonString());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void PipelineModelWithADeletedStageFolderIsRefusedNamingIt(int deleted)
    {
        var model = FittedPipeline(StageCase.Mixed());
        var dir = Saved(model);
        var uid = model.Stages[deleted].Uid;
        Directory.Delete(Path.Combine(dir, "data", $"{deleted:D3}_{uid}"), recursive: true);

        var e = Assert.Throws<PersistenceException>(() => PipelineModel.Load(dir));
        Assert.Contains($"stage {deleted} of 4 ({uid}) is missing", e.Message);
        Assert.Contains($"data/{deleted:D3}_{uid}", e.Message);
    }

    [Fact]
    public void PipelineSavedWithoutStageUidsStillRefusesAGapInTheNumbering()
    {
        var model = FittedPipeline(StageCase.Mixed());
        var dir = Saved(model);
        Edit(Path.Combine(dir, "metadata.json"), n => n.AsObject().Remove("stageUids"));
        Directory.Delete(Path.Combine(dir, "data", $"001_{model.Stages[1].Uid}"), recursive: true);
        Assert.Contains("stage 1 is missing", Assert.Throws<PersistenceException>(() => PipelineModel.Load(dir)).Message);
    }

    [Fact]
    public void PipelineModelWhoseStageFolderHoldsAnotherStageIsRefused()
    {
        var model = FittedPipeline(StageCase.Mixed());
        var dir = Saved(model);
        var last = Path.Combine(dir, "data", $"003_{model.Stages[3].Uid}");
        Edit(Path.Combine(last, "metadata.json"), n => n["uid"] = "LogisticRegressionModel_other");
        Assert.Contains("lists [", Assert.Throws<PersistenceException>(() => PipelineModel.Load(dir)).Message);
    }

    [Theory]
    [InlineData("99.0.0.0", "newer than this one")]
    [InlineData("not-a-version", "unknown format version 'not-a-version'")]
    [InlineData("", "lacks class, uid, version")]
    public void UnknownOrNewerFormatVersionIsRefused(string version, string expected)
    {
        var dir = Saved(new VectorAssembler().SetInputCols("x1").SetOutputCol("v"));
        Edit(Path.Combine(dir, "metadata.json"), n => n["version"] = version);
        Assert.Contains(expected, Assert.Throws<PersistenceException>(() => PipelineStage.LoadStage(dir)).Message);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void LogisticRegressionWhoseClassCountDisagreesWithItsCoefficientsIsRefused(int numClasses, bool multinomial)
    {
        var data = StageCase.Mixed();
        var dir = Saved(new LogisticRegression().SetMaxIter(5).Fit(data));
        Edit(Path.Combine(dir, "data", "model.json"), n =>
        {
            n["numClasses"] = numClasses;
            n["isMultinomial"] = multinomial;
        });
        var e = Assert.Throws<PersistenceException>(() => LogisticRegressionModel.Load(dir));
        Assert.Contains("is inconsistent", e.Message);
        Assert.Contains($"numClasses {numClasses}", e.Message.Replace("numClasses is", "numClasses"));
    }

    [Fact]
    public void MultilayerPerceptronWithTooFewWeightsIsRefused()
    {
        var dir = Saved(new MultilayerPerceptronClassifier().SetLayers(3, 4, 2).SetMaxIter(3).Fit(StageCase.Mixed()));
        Edit(Path.Combine(dir, "data", "model.json"), n => n["weights"]!.AsArray().RemoveAt(0));
        Assert.Contains("need 26 weights, got 25", Assert.Throws<PersistenceException>(() => MultilayerPerceptronClassificationModel.Load(dir)).Message);
    }

    [Fact]
    public void StandardScalerWithANegativeOrMismatchedStdIsRefused()
    {
        var dir = Saved(new StandardScaler().SetInputCol("features").SetOutputCol("s").Fit(StageCase.Mixed()));
        var file = Path.Combine(dir, "data", "model.json");
        var original = File.ReadAllText(file);
        Edit(file, n => n[1]![0] = -1.0);
        Assert.Contains("negative", Assert.Throws<PersistenceException>(() => StandardScalerModel.Load(dir)).Message);
        File.WriteAllText(file, original);
        Edit(file, n => n[1]!.AsArray().RemoveAt(0));
        Assert.Contains("equal length", Assert.Throws<PersistenceException>(() => StandardScalerModel.Load(dir)).Message);
    }

    [Fact]
    public void StringIndexerWithDuplicateOrNullLabelsIsRefused()
    {
        var dir = Saved(new StringIndexer().SetInputCol("word").SetOutputCol("i").Fit(StageCase.Mixed()));
        var file = Path.Combine(dir, "data", "model.json");
        Edit(file, n => n[1] = n[0]!.GetValue<string>());
        Assert.Contains("more than once", Assert.Throws<PersistenceException>(() => StringIndexerModel.Load(dir)).Message);
        Edit(file, n => n[1] = null);
        Assert.Contains("null label", Assert.Throws<PersistenceException>(() => StringIndexerModel.Load(dir)).Message);
    }

    [Fact]
    public void OneHotEncoderWithTooFewCategoryCountsIsRefused()
    {
        var dir = Saved(new OneHotEncoder().SetInputCols("cat", "x2").SetOutputCols("a", "b").Fit(StageCase.Mixed()));
        Edit(Path.Combine(dir, "data", "model.json"), n => n.AsArray().RemoveAt(1));
        Assert.Contains("1 category counts for 2 input columns", Assert.Throws<PersistenceException>(() => OneHotEncoderModel.Load(dir)).Message);
    }
}
