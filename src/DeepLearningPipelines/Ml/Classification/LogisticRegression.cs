using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// Logistic regression with elastic-net regularisation, as Spark's <c>LogisticRegression</c>: binomial or multinomial
/// (<c>family</c> auto picks by the number of classes), minimising the weighted mean log-loss plus
/// regParam·((1−α)/2·‖β‖² + α·‖β‖₁) by L-BFGS, or by OWL-QN when α = elasticNetParam &gt; 0.
/// </summary>
public sealed class LogisticRegression : Estimator<LogisticRegressionModel>
{
    public LogisticRegression(string? uid = null) : base(uid)
    {
        Columns = new ClassifierColumns(this);
        WeightCol = SharedParams.WeightCol(this);
        MaxIter = SharedParams.MaxIter(this, 100);
        RegParam = SharedParams.RegParam(this);
        ElasticNetParam = Declare<double>("elasticNetParam", "the ElasticNet mixing parameter: 0 is an L2 penalty, 1 is an L1 penalty", 0.0, ParamValidators.InRange(0, 1));
        Tol = SharedParams.Tol(this, 1e-6);
        FitIntercept = Declare<bool>("fitIntercept", "whether to fit an intercept term", true);
        Standardization = Declare<bool>("standardization", "whether to standardize the training features before fitting the model", true);
        Family = Declare<string>("family", "the name of family: auto, binomial or multinomial", "auto", ParamValidators.InArray("auto", "binomial", "multinomial"));
        Threshold = Declare<double>("threshold", "threshold in binary classification prediction, in range [0, 1]", 0.5, ParamValidators.InRange(0, 1));
    }

    public ClassifierColumns Columns { get; }
    public Param<string> WeightCol { get; }
    public Param<int> MaxIter { get; }
    public Param<double> RegParam { get; }
    public Param<double> ElasticNetParam { get; }
    public Param<double> Tol { get; }
    public Param<bool> FitIntercept { get; }
    public Param<bool> Standardization { get; }
    public Param<string> Family { get; }
    public Param<double> Threshold { get; }

    public LogisticRegression SetFeaturesCol(string value) { Set(Columns.FeaturesCol, value); return this; }
    public LogisticRegression SetLabelCol(string value) { Set(Columns.LabelCol, value); return this; }
    public LogisticRegression SetPredictionCol(string value) { Set(Columns.PredictionCol, value); return this; }
    public LogisticRegression SetProbabilityCol(string value) { Set(Columns.ProbabilityCol, value); return this; }
    public LogisticRegression SetRawPredictionCol(string value) { Set(Columns.RawPredictionCol, value); return this; }
    public LogisticRegression SetThresholds(params double[] value) { Set(Columns.Thresholds, value); return this; }
    public LogisticRegression SetWeightCol(string value) { Set(WeightCol, value); return this; }
    public LogisticRegression SetMaxIter(int value) { Set(MaxIter, value); return this; }
    public LogisticRegression SetRegParam(double value) { Set(RegParam, value); return this; }
    public LogisticRegression SetElasticNetParam(double value) { Set(ElasticNetParam, value); return this; }
    public LogisticRegression SetTol(double value) { Set(Tol, value); return this; }
    public LogisticRegression SetFitIntercept(bool value) { Set(FitIntercept, value); return this; }
    public LogisticRegression SetStandardization(bool value) { Set(Standardization, value); return this; }
    public LogisticRegression SetFamily(string value) { Set(Family, value); return this; }
    public LogisticRegression SetThreshold(double value) { Set(Threshold, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        if (IsDefined(WeightCol)) schema.RequireNumeric(Get(WeightCol), "instance weight");
        return Columns.Validate(this, schema, needLabel: true);
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        string labelCol = Get(Columns.LabelCol);
        var data = TrainingData.Extract(dataset, Get(Columns.FeaturesCol), labelCol, IsDefined(WeightCol) ? Get(WeightCol) : null);
        int numClasses = Math.Max(2, data.NumClassesFromLabels(labelCol));
        var family = Get(Family).ToLowerInvariant() switch
        {
            "binomial" => LogisticRegressionFamily.Binomial,
            "multinomial" => LogisticRegressionFamily.Multinomial,
            _ => LogisticRegressionFamily.Auto,
        };
        if (family == LogisticRegressionFamily.Binomial && numClasses > 2)
            throw new DataFormatException($"Binomial family only supports 1 or 2 outcome classes but column '{labelCol}' has {numClasses}; use family \"multinomial\" or \"auto\".");
        var options = new LogisticRegressionOptions(family, numClasses, Get(RegParam), Get(ElasticNetParam), Get(Standardization), Get(FitIntercept), Get(MaxIter), Get(Tol));
        var result = LogisticRegressionSolver.Fit(data.Features, data.Rows, data.NumFeatures, data.Labels, data.Weights, options);
        var model = new LogisticRegressionModel(Uid, result);
        CopyValuesTo(model);
        return model;
    }

    public static LogisticRegression Load(string path) => Load<LogisticRegression>(path);
}
