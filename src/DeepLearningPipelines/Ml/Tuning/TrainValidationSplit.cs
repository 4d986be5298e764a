using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>
/// One random train/validation split (<c>trainRatio</c>, default 0.75, decided per row as in
/// <see cref="DataFrame.RandomSplit"/>) over a param grid, as Spark's <c>TrainValidationSplit</c>; the best map is
/// refitted on all the data.
/// </summary>
public sealed class TrainValidationSplit : ValidatorBase<TrainValidationSplitModel>
{
    public TrainValidationSplit(string? uid = null) : base(uid)
    {
        TrainRatioParam = Declare<double>("trainRatio", "ratio between training set and validation set (>= 0 && <= 1)", 0.75, ParamValidators.InRange(0, 1));
    }

    public Param<double> TrainRatioParam { get; }

    public double TrainRatio { get => Get(TrainRatioParam); set => Set(TrainRatioParam, value); }

    public TrainValidationSplit SetEstimator(Estimator value) { Set(EstimatorParam, value); return this; }
    public TrainValidationSplit SetEstimatorParamMaps(params ParamMap[] value) { Set(EstimatorParamMapsParam, value); return this; }
    public TrainValidationSplit SetEvaluator(Evaluator value) { Set(EvaluatorParam, value); return this; }
    public TrainValidationSplit SetTrainRatio(double value) { Set(TrainRatioParam, value); return this; }
    public TrainValidationSplit SetParallelism(int value) { Set(ParallelismParam, value); return this; }
    public TrainValidationSplit SetSeed(long value) { Set(SeedParam, value); return this; }
    public TrainValidationSplit SetGatherThreshold(long value) { Set(GatherThresholdParam, value); return this; }

    protected override Model FitImpl(DataFrame dataset)
    {
        var cached = dataset.Cache();
        double r = Get(TrainRatioParam);
        var metrics = Validate(cached, data =>
        {
            var split = data.RandomSplit([r, 1 - r], Get(SeedParam));
            return [(split[0].Cache(), split[1].Cache())];
        })[0];
        int best = BestIndex(metrics);
        var model = new TrainValidationSplitModel(Uid)
        {
            BestModel = Get(EstimatorParam).Fit(cached, Get(EstimatorParamMapsParam)[best]),
            ValidationMetrics = metrics,
        };
        CopyValuesTo(model);
        return model;
    }

    public static TrainValidationSplit Load(string path) => Load<TrainValidationSplit>(path);
}

/// <summary>A fitted <see cref="TrainValidationSplit"/>.</summary>
public sealed class TrainValidationSplitModel : ValidatorModelBase
{
    public TrainValidationSplitModel(string? uid = null) : base(uid) { }

    public static TrainValidationSplitModel Load(string path) => Load<TrainValidationSplitModel>(path);
}
