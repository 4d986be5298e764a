using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Tuning;

namespace DeepLearningPipelines.Tests.Ml.Tuning;

/// <summary>The folds of CrossValidator and the split of TrainValidationSplit hold the same rows on any number of cores.</summary>
public class DeterministicFoldsTests
{
    /// <summary>A metric that identifies the validation rows: the sum of their squared ids (exact in a double here).</summary>
    private sealed class ValidationRowsEvaluator() : Evaluator(null)
    {
        protected override double EvaluateImpl(DataFrame dataset) =>
            dataset.Select("id").Collect().Sum(r => (double)r.Get<long>(0) * r.Get<long>(0));

        public override bool IsLargerBetter => true;
    }

    private static DataFrame Data(int cores, int partitions)
    {
        var session = DlpSession.Builder().Master($"local[{cores}]").NewSession();
        var schema = new StructType(new StructField("id", DataTypes.Long, false), new StructField("features", DataTypes.Vector));
        var rows = Enumerable.Range(0, 3000).Select(i => new object?[] { (long)i, new DenseVector([i % 17, i % 5]) });
        return session.CreateDataFrame(rows, schema, partitions);
    }

    private static CrossValidatorModel CrossValidate(DataFrame data) =>
        new CrossValidator().SetEstimator(new StandardScaler().SetInputCol("features").SetOutputCol("scaled"))
            .SetEstimatorParamMaps(new ParamGridBuilder().Build()).SetEvaluator(new ValidationRowsEvaluator()).SetNumFolds(3).SetSeed(7).Fit(data);

    private static TrainValidationSplitModel TrainValidate(DataFrame data) =>
        new TrainValidationSplit().SetEstimator(new StandardScaler().SetInputCol("features").SetOutputCol("scaled"))
            .SetEstimatorParamMaps(new ParamGridBuilder().Build()).SetEvaluator(new ValidationRowsEvaluator()).SetSeed(7).Fit(data);

    [Fact]
    public void CrossValidatorFoldsAreTheSameOnOneAndFourCores()
    {
        // The mean over folds is the same for any folds; their spread tells which rows each fold holds.
        var one = CrossValidate(Data(1, 1));
        var four = CrossValidate(Data(4, 4));
        Assert.True(one.StdMetrics[0] > 0);
        Assert.Equal(one.StdMetrics, four.StdMetrics);
        Assert.Equal(one.StdMetrics, CrossValidate(Data(2, 2).Repartition(5)).StdMetrics);
    }

    [Fact]
    public void TrainValidationSplitIsTheSameOnOneAndFourCores()
    {
        var one = TrainValidate(Data(1, 1));
        Assert.Equal(one.ValidationMetrics, TrainValidate(Data(4, 4)).ValidationMetrics);
        Assert.Equal(one.ValidationMetrics, TrainValidate(Data(2, 3).Repartition(7)).ValidationMetrics);
    }
}
