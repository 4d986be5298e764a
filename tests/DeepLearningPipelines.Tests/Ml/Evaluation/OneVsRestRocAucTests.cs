using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>Checks one-vs-rest ROC AUC against scikit-learn's roc_auc_score(multi_class='ovr') on 500 rows of 5 classes.</summary>
public sealed class OneVsRestRocAucTests
{
    private const double Tolerance = 1e-12;

    [Theory]
    [InlineData("multiclass_unweighted.json")]
    [InlineData("multiclass_weighted.json")]
    public void Macro_and_weighted_averages_match_scikit_learn(string fixture)
    {
        var data = MetricsFixture.Load(fixture);
        var expected = data.GetProperty("expected");

        var auc = new OneVsRestRocAuc(
            data.GetProperty("labels").Doubles(), data.GetProperty("probabilities").Rows(), data.GetProperty("weights").Doubles());

        Assert.Equal(expected.Number("ovr_auc_macro"), auc.MacroAverage, Tolerance);
        Assert.Equal(expected.Number("ovr_auc_weighted"), auc.WeightedAverage, Tolerance);
        Assert.Equal(5, auc.ByClass.Count);
        Assert.Equal(expected.GetProperty("support_by_label").Doubles(), auc.Support.Values, new ToleranceComparer(Tolerance));
    }

    [Fact]
    public void Classes_absent_from_the_labels_are_left_out_of_the_averages()
    {
        var auc = new OneVsRestRocAuc(
            labels: [0, 0, 1, 1, 1],
            probabilities: [[0.8, 0.1, 0.1], [0.3, 0.6, 0.1], [0.4, 0.5, 0.1], [0.2, 0.7, 0.1], [0.1, 0.3, 0.6]]);

        Assert.Equal([0, 1], auc.ByClass.Keys);
        Assert.Equal(5.0 / 6, auc.ByClass[0], Tolerance);
        Assert.Equal(4.0 / 6, auc.ByClass[1], Tolerance);
        Assert.Equal((5.0 / 6 + 4.0 / 6) / 2, auc.MacroAverage, Tolerance);
        Assert.Equal((2 * 5.0 / 6 + 3 * 4.0 / 6) / 5, auc.WeightedAverage, Tolerance);
    }

    [Fact]
    public void Single_class_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => new OneVsRestRocAuc([1, 1], [[0.4, 0.6], [0.3, 0.7]]));
        Assert.Contains("only one class", error.Message);
    }

    [Fact]
    public void Nan_probability_and_ragged_rows_are_rejected()
    {
        Assert.Throws<DataFormatException>(() => new OneVsRestRocAuc([0, 1], [[0.4, double.NaN], [0.3, 0.7]]));
        Assert.Throws<DataFormatException>(() => new OneVsRestRocAuc([0, 1], [[0.4, 0.6], [1.0]]));
        Assert.Throws<DataFormatException>(() => new OneVsRestRocAuc([], []));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
