using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Tuning;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// Cross-validates and train-validation-splits the same data on any master (<c>mpi</c> under mpirun, or
/// <c>local[N]</c>) and prints, on every rank, <c>rank=R NAME=VALUE</c> lines: the metrics, the best map, how many
/// candidate fits this rank evaluated (spread over the ranks when the data is gathered, all of them on every rank
/// when it is fitted data-parallel), and the error of a grid whose second map fails.
/// </summary>
internal static class TuningChecks
{
    public static int Run(string master)
    {
        using var session = DlpSession.Builder().Master(master).GetOrCreate();
        var points = session.CreateDataFrame(Enumerable.Range(0, 900).Select(i =>
        {
            double x = Math.Sin(i * 0.37) * 3, y = Math.Cos(i * 0.11) * 2;
            return new object?[] { x, y, x - 0.5 * y + Math.Sin(i * 1.7) > 0 ? 1.0 : 0.0 };
        }), new StructType(new StructField("x", DataTypes.Double), new StructField("y", DataTypes.Double), new StructField("label", DataTypes.Double)), 5);
        var data = new VectorAssembler().SetInputCols("x", "y").SetOutputCol("features").Transform(points);
        var lr = new LogisticRegression().SetMaxIter(30);
        var grid = new ParamGridBuilder().AddGrid(lr, x => x.RegParam, 0.001, 0.05, 0.5).Build();
        var results = new List<(string Name, string Value)>();

        foreach (var (name, threshold) in new[] { ("cv", CrossValidator.DefaultGatherThreshold), ("cv_unspread", 0L) })
        {
            var counting = new CountingEvaluator(new BinaryClassificationEvaluator());
            var model = new CrossValidator().SetEstimator(lr).SetEstimatorParamMaps(grid).SetEvaluator(counting)
                .SetNumFolds(3).SetSeed(11).SetParallelism(2).SetGatherThreshold(threshold).Fit(data);
            var best = (LogisticRegressionModel)model.BestModel;
            results.Add(($"{name}_avg", Numbers(model.AvgMetrics)));
            results.Add(($"{name}_std", Numbers(model.StdMetrics)));
            results.Add(($"{name}_best", model.BestIndex.ToString(CultureInfo.InvariantCulture)));
            results.Add(($"{name}_model", Numbers([.. best.Coefficients.ToArray(), best.Intercept])));
            results.Add(($"{name}_fits", counting.Count.ToString(CultureInfo.InvariantCulture)));
        }

        var tvs = new CountingEvaluator(new BinaryClassificationEvaluator());
        var split = new TrainValidationSplit().SetEstimator(lr).SetEstimatorParamMaps(grid).SetEvaluator(tvs).SetSeed(5).Fit(data);
        results.Add(("tvs_metrics", Numbers(split.ValidationMetrics)));
        results.Add(("tvs_fits", tvs.Count.ToString(CultureInfo.InvariantCulture)));

        // Two maps: the first fits, the second's single output unit cannot hold label 1. Spread over two ranks, only
        // rank 1 fits the second; every rank must fail, rank 1 with its own exception.
        var net = new MultilayerPerceptronClassifier().SetMaxIter(5);
        var failing = new ParamGridBuilder().AddGrid(net, x => x.Layers, [2, 3, 2], [2, 3, 1]).Build();
        try
        {
            new TrainValidationSplit().SetEstimator(net).SetEstimatorParamMaps(failing).SetEvaluator(new MulticlassClassificationEvaluator()).Fit(data);
            results.Add(("error", "none"));
        }
        catch (DlpException e)
        {
            results.Add(("error", $"{e.GetType().Name}: {e.Message}"));
        }

        foreach (var (name, value) in results) Console.WriteLine($"rank={session.Rank} {name}={value.ReplaceLineEndings(" ")}");
        return 0;
    }

    /// <summary>Counts, in this process, the candidates it evaluates: one per (split, param map) fit.</summary>
    private sealed class CountingEvaluator(Evaluator inner) : Evaluator(null)
    {
        private int _count;

        public int Count => _count;

        public override bool IsLargerBetter => inner.IsLargerBetter;

        protected override double EvaluateImpl(DataFrame dataset)
        {
            Interlocked.Increment(ref _count);
            return inner.Evaluate(dataset);
        }
    }

    private static string Numbers(IEnumerable<double> values) => string.Join(";", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
