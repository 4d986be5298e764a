namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>Declarations of the params many stages share, with Spark's names, docs and defaults.</summary>
internal static class SharedParams
{
    public static Param<string> InputCol(Params o) => o.Declare<string>("inputCol", "input column name", validator: ParamValidators.NotEmpty());
    public static Param<string> OutputCol(Params o) => o.Declare<string>("outputCol", "output column name", o.Uid + "__output", ParamValidators.NotEmpty());
    public static Param<string[]> InputCols(Params o) => o.Declare<string[]>("inputCols", "input column names", validator: (v => v.Length > 0, "a non-empty list of column names"));
    public static Param<string[]> OutputCols(Params o) => o.Declare<string[]>("outputCols", "output column names", validator: (v => v.Length > 0, "a non-empty list of column names"));
    public static Param<string> FeaturesCol(Params o) => o.Declare<string>("featuresCol", "features column name", "features", ParamValidators.NotEmpty());
    public static Param<string> LabelCol(Params o) => o.Declare<string>("labelCol", "label column name", "label", ParamValidators.NotEmpty());
    public static Param<string> PredictionCol(Params o) => o.Declare<string>("predictionCol", "prediction column name", "prediction", ParamValidators.NotEmpty());
    public static Param<string> RawPredictionCol(Params o) => o.Declare<string>("rawPredictionCol", "raw prediction (confidence) column name", "rawPrediction", ParamValidators.NotEmpty());
    public static Param<string> ProbabilityCol(Params o) => o.Declare<string>("probabilityCol", "column name for predicted class conditional probabilities", "probability", ParamValidators.NotEmpty());
    public static Param<string> WeightCol(Params o) => o.Declare<string>("weightCol", "weight column name; if not set, all instance weights are 1.0");
    public static Param<int> MaxIter(Params o, int defaultValue) => o.Declare<int>("maxIter", "maximum number of iterations", defaultValue, ParamValidators.GtEq(0));
    public static Param<double> Tol(Params o, double defaultValue) => o.Declare<double>("tol", "the convergence tolerance for iterative algorithms", defaultValue, ParamValidators.GtEq(0.0));
    public static Param<long> Seed(Params o, long defaultValue) => o.Declare<long>("seed", "random seed", defaultValue);
    public static Param<double> RegParam(Params o) => o.Declare<double>("regParam", "regularization parameter", 0.0, ParamValidators.GtEq(0.0));
    public static Param<double> StepSize(Params o, double defaultValue) => o.Declare<double>("stepSize", "step size (learning rate) for each iteration of optimization", defaultValue, ParamValidators.Gt(0.0));

    public static Param<double[]> Thresholds(Params o) =>
        o.Declare<double[]>("thresholds", "thresholds in multiclass classification to adjust the probability of predicting each class; the class with the largest p/t is predicted",
            validator: (v => v.All(t => t >= 0) && v.Count(t => t == 0) <= 1, "non-negative with at most one zero"));

    public static Param<string> HandleInvalid(Params o, string defaultValue, params string[] allowed) =>
        o.Declare<string>("handleInvalid", $"how to handle invalid data: {string.Join(", ", allowed)}", defaultValue, ParamValidators.InArray(allowed));
}
