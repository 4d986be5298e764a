using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// Logistic regression with elastic-net regularisation, as Spark's <c>LogisticRegression</c>: binomial or multinomial
/// (<c>family</c> auto picks by the number of classes), minimising the weighted mean log-loss plus
/// regParam·((1−α)/2·‖β‖² + α·‖β‖₁) by L-BFGS, or by OWL-QN when α = elasticNetParam &gt; 0. Under MPI the fit is
/// data-parallel: each rank reads only its own partitions and the loss and gradient are summed over the ranks.
/// </summary>
public sealed class LogisticRegression : ProbabilisticClassifier<LogisticRegressionModel>
{
    public LogisticRegression(string? uid = null) : base(uid)
    {
        WeightColParam = SharedParams.WeightCol(this);
        MaxIterParam = SharedParams.MaxIter(this, 100);
        RegParamParam = SharedParams.RegParam(this);
        ElasticNetParamParam = Declare<double>("elasticNetParam", "the ElasticNet mixing parameter: 0 is an L2 penalty, 1 is an L1 penalty", 0.0, ParamValidators.InRange(0, 1));
        TolParam = SharedParams.Tol(this, 1e-6);
        FitInterceptParam = Declare<bool>("fitIntercept", "whether to fit an intercept term", true);
        StandardizationParam = Declare<bool>("standardization", "whether to standardize the training features before fitting the model", true);
        FamilyParam = Declare<string>("family", "the name of family: auto, binomial or multinomial", "auto", ParamValidators.InArray("auto", "binomial", "multinomial"));
        ThresholdParam = Declare<double>("threshold", "threshold in binary classification prediction, in range [0, 1]", 0.5, ParamValidators.InRange(0, 1));
    }

    public Param<string> WeightColParam { get; }
    public Param<int> MaxIterParam { get; }
    public Param<double> RegParamParam { get; }
    public Param<double> ElasticNetParamParam { get; }
    public Param<double> TolParam { get; }
    public Param<bool> FitInterceptParam { get; }
    public Param<bool> StandardizationParam { get; }
    public Param<string> FamilyParam { get; }
    public Param<double> ThresholdParam { get; }

    public string? WeightCol { get => GetOrNull(WeightColParam); set => SetOrClear(WeightColParam, value); }
    public int MaxIter { get => Get(MaxIterParam); set => Set(MaxIterParam, value); }
    public double RegParam { get => Get(RegParamParam); set => Set(RegParamParam, value); }
    public double ElasticNetParam { get => Get(ElasticNetParamParam); set => Set(ElasticNetParamParam, value); }
    public double Tol { get => Get(TolParam); set => Set(TolParam, value); }
    public bool FitIntercept { get => Get(FitInterceptParam); set => Set(FitInterceptParam, value); }
    public bool Standardization { get => Get(StandardizationParam); set => Set(StandardizationParam, value); }
    public string Family { get => Get(FamilyParam); set => Set(FamilyParam, value); }
    public double Threshold { get => Get(ThresholdParam); set => Set(ThresholdParam, value); }

    public LogisticRegression SetFeaturesCol(string value) { Set(Columns.FeaturesCol, value); return this; }
    public LogisticRegression SetLabelCol(string value) { Set(Columns.LabelCol, value); return this; }
    public LogisticRegression SetPredictionCol(string value) { Set(Columns.PredictionCol, value); return this; }
    public LogisticRegression SetProbabilityCol(string value) { Set(Columns.ProbabilityCol, value); return this; }
    public LogisticRegression SetRawPredictionCol(string value) { Set(Columns.RawPredictionCol, value); return this; }
    public LogisticRegression SetThresholds(params double[] value) { Set(Columns.Thresholds, value); return this; }
    public LogisticRegression SetWeightCol(string value) { Set(WeightColParam, value); return this; }
    public LogisticRegression SetMaxIter(int value) { Set(MaxIterParam, value); return this; }
    public LogisticRegression SetRegParam(double value) { Set(RegParamParam, value); return this; }
    public LogisticRegression SetElasticNetParam(double value) { Set(ElasticNetParamParam, value); return this; }
    public LogisticRegression SetTol(double value) { Set(TolParam, value); return this; }
    public LogisticRegression SetFitIntercept(bool value) { Set(FitInterceptParam, value); return this; }
    public LogisticRegression SetStandardization(bool value) { Set(StandardizationParam, value); return this; }
    public LogisticRegression SetFamily(string value) { Set(FamilyParam, value); return this; }
    public LogisticRegression SetThreshold(double value) { Set(ThresholdParam, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        if (IsDefined(WeightColParam)) schema.RequireNumeric(Get(WeightColParam), "instance weight");
        return Columns.Validate(this, schema, needLabel: true);
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        string labelCol = Get(Columns.LabelCol);
        var data = TrainingData.Extract(dataset, Get(Columns.FeaturesCol), labelCol, IsDefined(WeightColParam) ? Get(WeightColParam) : null);
        int numClasses = Math.Max(2, data.NumClassesFromLabels(labelCol));
        var family = Get(FamilyParam).ToLowerInvariant() switch
        {
            "binomial" => LogisticRegressionFamily.Binomial,
            "multinomial" => LogisticRegressionFamily.Multinomial,
            _ => LogisticRegressionFamily.Auto,
        };
        if (family == LogisticRegressionFamily.Binomial && numClasses > 2)
            throw new DataFormatException($"Binomial family only supports 1 or 2 outcome classes but column '{labelCol}' has {numClasses}; use family \"multinomial\" or \"auto\".");
        var options = new LogisticRegressionOptions(family, numClasses, Get(RegParamParam), Get(ElasticNetParamParam), Get(StandardizationParam), Get(FitInterceptParam), Get(MaxIterParam), Get(TolParam));
        var result = LogisticRegressionSolver.Fit(data.Features, data.Rows, data.NumFeatures, data.Labels, data.Weights, options, data.Ranks);
        var model = new LogisticRegressionModel(Uid, result);
        CopyValuesTo(model);
        return model;
    }

    public static LogisticRegression Load(string path) => Load<LogisticRegression>(path);
}
