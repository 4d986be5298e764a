using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>Enum-like params set in another letter case behave exactly as their canonical spelling.</summary>
public class EnumParamTests
{
    [Fact]
    public void MetricNameInAnyCaseSelectsThatMetricAndItsDirection()
    {
        var predictions = EvaluatorCase.Predictions();
        double accuracy = new MulticlassClassificationEvaluator().SetMetricName("accuracy").Evaluate(predictions);
        double f1 = new MulticlassClassificationEvaluator().SetMetricName("f1").Evaluate(predictions);
        Assert.NotEqual(accuracy, f1);
        Assert.Equal(accuracy, new MulticlassClassificationEvaluator().SetMetricName("Accuracy").Evaluate(predictions));

        var hamming = new MulticlassClassificationEvaluator().SetMetricName("HAMMINGLOSS");
        Assert.Equal("hammingLoss", hamming.MetricName);
        Assert.False(hamming.IsLargerBetter);
        Assert.Equal(1 - accuracy, hamming.Evaluate(predictions), 12);

        var pr = new BinaryClassificationEvaluator().SetMetricName("AREAUNDERPR");
        Assert.Equal(new BinaryClassificationEvaluator().SetMetricName("areaUnderPR").Evaluate(predictions), pr.Evaluate(predictions));
    }

    [Fact]
    public void CanonicalSpellingIsWhatIsSaved()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "indexer");
        new StringIndexer().SetInputCol("word").SetOutputCol("i").SetHandleInvalid("SKIP").SetStringOrderType("AlphabetAsc").Save(dir);
        var metadata = File.ReadAllText(Path.Combine(dir, "metadata.json"));
        Assert.Contains("\"skip\"", metadata);
        Assert.Contains("\"alphabetAsc\"", metadata);
        Assert.DoesNotContain("SKIP", metadata);
    }

    [Fact]
    public void UnknownValueStillListsTheAllowedSpellings()
    {
        var e = Assert.Throws<ParamException>(() => new MulticlassClassificationEvaluator().SetMetricName("precision"));
        Assert.Contains("one of f1, accuracy", e.Message);
    }

    [Fact]
    public void FlattenPoolingInAnyCaseGivesTheWholeFeatureMap()
    {
        var featurizer = new DeepImageFeaturizer().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_1").SetPooling("Flatten").SetUseCache(false);
        var features = (Vector)featurizer.Transform(StageCase.Photos()).Select("features").First()[0]!;
        Assert.Equal(13 * 13 * 512, features.Size);
    }
}
