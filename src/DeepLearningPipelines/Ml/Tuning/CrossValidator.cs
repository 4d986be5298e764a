using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>
/// K-fold cross-validation over a param grid, as Spark's <c>CrossValidator</c>: the data is split into
/// <c>numFolds</c> random folds (by <c>seed</c>, decided per row as in <see cref="DataFrame.RandomSplit"/>, so the folds
/// are the same on any number of cores); each param map is fitted on k−1 folds and evaluated on the held-out
/// one; the map with the best average metric is refitted on all the data.
/// </summary>
public sealed class CrossValidator : ValidatorBase<CrossValidatorModel>
{
    public CrossValidator(string? uid = null) : base(uid)
    {
        NumFoldsParam = Declare<int>("numFolds", "number of folds for cross validation", 3, ParamValidators.GtEq(2));
    }

    public Param<int> NumFoldsParam { get; }

    public int NumFolds { get => Get(NumFoldsParam); set => Set(NumFoldsParam, value); }

    public CrossValidator SetEstimator(Estimator value) { Set(EstimatorParam, value); return this; }
    public CrossValidator SetEstimatorParamMaps(params ParamMap[] value) { Set(EstimatorParamMapsParam, value); return this; }
    public CrossValidator SetEvaluator(Evaluator value) { Set(EvaluatorParam, value); return this; }
    public CrossValidator SetNumFolds(int value) { Set(NumFoldsParam, value); return this; }
    public CrossValidator SetParallelism(int value) { Set(ParallelismParam, value); return this; }
    public CrossValidator SetSeed(long value) { Set(SeedParam, value); return this; }
    public CrossValidator SetGatherThreshold(long value) { Set(GatherThresholdParam, value); return this; }

    protected override Model FitImpl(DataFrame dataset)
    {
        int k = Get(NumFoldsParam);
        var cached = dataset.Cache();
        var perFold = Validate(cached, data =>
        {
            var folds = data.RandomSplit(Enumerable.Repeat(1.0, k).ToArray(), Get(SeedParam)).Select(f => f.Cache()).ToArray();
            return folds.Select((validation, i) => (folds.Where((_, j) => j != i).Aggregate((a, b) => a.Union(b)), validation)).ToArray();
        });
        var sums = new double[Get(EstimatorParamMapsParam).Length];
        foreach (var fold in perFold)
            for (int m = 0; m < sums.Length; m++) sums[m] += fold[m];
        var avg = sums.Select(s => s / k).ToArray();
        int best = BestIndex(avg);
        var model = new CrossValidatorModel(Uid)
        {
            BestModel = Get(EstimatorParam).Fit(cached, Get(EstimatorParamMapsParam)[best]),
            ValidationMetrics = avg,
            StdMetrics = avg.Select((a, m) => Math.Sqrt(perFold.Sum(f => (f[m] - a) * (f[m] - a)) / k)).ToArray(),
            BestIndex = best,
        };
        CopyValuesTo(model);
        return model;
    }

    public static CrossValidator Load(string path) => Load<CrossValidator>(path);
}

/// <summary>A fitted <see cref="CrossValidator"/>.</summary>
public sealed class CrossValidatorModel : ValidatorModelBase
{
    public CrossValidatorModel(string? uid = null) : base(uid) { }

    /// <summary>The average metric across folds of each param map (Spark's <c>avgMetrics</c>).</summary>
    public double[] AvgMetrics => ValidationMetrics;

    /// <summary>The standard deviation across folds of each param map's metric (not saved).</summary>
    public double[] StdMetrics { get; internal set; } = [];

    /// <summary>The position of the chosen param map in the grid.</summary>
    public int BestIndex { get; internal set; }

    public static CrossValidatorModel Load(string path) => Load<CrossValidatorModel>(path);
}
