namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// An estimator of a <see cref="ProbabilisticClassificationModel"/> (LogisticRegression, MultilayerPerceptronClassifier):
/// the column params are declared together in <see cref="Columns"/> and are flat properties here.
/// </summary>
public abstract class ProbabilisticClassifier<TModel> : Estimator<TModel> where TModel : Model
{
    private protected ProbabilisticClassifier(string? uid) : base(uid) => Columns = new ClassifierColumns(this);

    /// <summary>The column params every probabilistic classifier shares (declared together, also available as flat properties).</summary>
    public ClassifierColumns Columns { get; }

    public string FeaturesCol { get => Get(Columns.FeaturesCol); set => Set(Columns.FeaturesCol, value); }
    public string LabelCol { get => Get(Columns.LabelCol); set => Set(Columns.LabelCol, value); }
    public string PredictionCol { get => Get(Columns.PredictionCol); set => Set(Columns.PredictionCol, value); }
    public string RawPredictionCol { get => Get(Columns.RawPredictionCol); set => Set(Columns.RawPredictionCol, value); }
    public string ProbabilityCol { get => Get(Columns.ProbabilityCol); set => Set(Columns.ProbabilityCol, value); }
    public double[]? Thresholds { get => GetOrNull(Columns.Thresholds); set => SetOrClear(Columns.Thresholds, value); }
}
