using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>
/// Checks BinaryClassificationMetrics on 400 rows whose scores have two decimals (so many ties), with and without weights.
/// areaUnderROC is compared with scikit-learn's roc_auc_score; the curves and areaUnderPR with the numpy re-implementation of
/// Spark's curves in the fixture script (scikit-learn's average_precision_score is a different, step-wise quantity).
/// </summary>
public sealed class BinaryClassificationMetricsTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<string> Cases => new() { "unweighted", "weighted" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Areas_match_scikit_learn_roc_auc_and_spark_trapezoidal_pr(string caseName)
    {
        var (metrics, expected) = Load(caseName);

        Assert.Equal(expected.Number("area_under_roc"), metrics.AreaUnderRoc, Tolerance);
        Assert.Equal(expected.Number("area_under_pr"), metrics.AreaUnderPr, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Curves_have_one_point_per_distinct_score_and_match_the_reference(string caseName)
    {
        var (metrics, expected) = Load(caseName);
        int distinct = expected.GetProperty("distinct_scores").GetInt32();

        Assert.Equal(distinct, metrics.Thresholds.Count);
        Assert.True(metrics.Thresholds.Zip(metrics.Thresholds.Skip(1)).All(pair => pair.First > pair.Second));
        AssertPoints(expected.GetProperty("roc").Rows(), metrics.RocCurve);
        AssertPoints(expected.GetProperty("pr").Rows(), metrics.PrCurve);
        Assert.Equal(new CurvePoint(0, 0), metrics.RocCurve[0]);
        Assert.Equal(new CurvePoint(1, 1), metrics.RocCurve[^1]);
        Assert.Equal(new CurvePoint(0, metrics.PrCurve[1].Y), metrics.PrCurve[0]);
    }

    [Fact]
    public void Tied_scores_form_one_threshold_and_a_diagonal_roc_segment()
    {
        var metrics = new BinaryClassificationMetrics(scores: [0.5, 0.5, 0.5, 0.5], labels: [1, 0, 0, 0]);

        Assert.Equal([0.5], metrics.Thresholds);
        Assert.Equal([new(0, 0), new(1, 1), new(1, 1)], metrics.RocCurve);
        Assert.Equal(0.5, metrics.AreaUnderRoc);
        Assert.Equal([new(0, 0.25), new(1, 0.25)], metrics.PrCurve);
        Assert.Equal(0.25, metrics.AreaUnderPr);
    }

    [Fact]
    public void Perfect_and_reversed_rankings_give_roc_areas_one_and_zero()
    {
        Assert.Equal(1.0, new BinaryClassificationMetrics([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0]).AreaUnderRoc);
        Assert.Equal(0.0, new BinaryClassificationMetrics([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]).AreaUnderRoc);
    }

    [Fact]
    public void Single_class_gives_spark_degenerate_areas()
    {
        var allPositive = new BinaryClassificationMetrics([0.9, 0.1], [1, 1]);
        var allNegative = new BinaryClassificationMetrics([0.9, 0.1], [0, 0]);

        Assert.Equal(1.0, allPositive.AreaUnderRoc);
        Assert.Equal(1.0, allPositive.AreaUnderPr);
        Assert.Equal(0.0, allNegative.AreaUnderRoc);
        Assert.Equal(0.0, allNegative.AreaUnderPr);
    }

    [Fact]
    public void Nan_score_is_rejected_with_its_row()
    {
        var error = Assert.Throws<DataFormatException>(() => new BinaryClassificationMetrics([0.2, double.NaN], [0, 1]));
        Assert.Contains("score at row 1 is NaN", error.Message);
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => new BinaryClassificationMetrics([], []));
        Assert.Contains("no rows", error.Message);
    }

    [Fact]
    public void Labels_other_than_zero_and_one_are_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => new BinaryClassificationMetrics([0.2, 0.7], [0, 2]));
        Assert.Contains("must be 0 or 1", error.Message);
    }

    private static (BinaryClassificationMetrics Metrics, System.Text.Json.JsonElement Expected) Load(string caseName)
    {
        var data = MetricsFixture.Load("binary.json").GetProperty(caseName);
        var metrics = new BinaryClassificationMetrics(
            data.GetProperty("scores").Doubles(), data.GetProperty("labels").Doubles(), data.GetProperty("weights").Doubles());
        return (metrics, data.GetProperty("expected"));
    }

    private static void AssertPoints(double[][] expected, IReadOnlyList<CurvePoint> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < actual.Count; i++)
        {
            Assert.Equal(expected[i][0], actual[i].X, Tolerance);
            Assert.Equal(expected[i][1], actual[i].Y, Tolerance);
        }
    }
}
