using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Persistence;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>A fitted <see cref="LogisticRegression"/>: coefficients and intercepts, binomial or multinomial.</summary>
public sealed class LogisticRegressionModel : ProbabilisticClassificationModel
{
    public LogisticRegressionModel(string? uid = null) : base(uid)
    {
        ThresholdParam = Declare<double>("threshold", "threshold in binary classification prediction, in range [0, 1]", 0.5, ParamValidators.InRange(0, 1));
    }

    internal LogisticRegressionModel(string uid, LogisticRegressionResult result) : this(uid) => Result = result;

    public Param<double> ThresholdParam { get; }

    public double Threshold { get => Get(ThresholdParam); set => Set(ThresholdParam, value); }

    public LogisticRegressionModel SetThreshold(double value) { Set(ThresholdParam, value); return this; }
    public LogisticRegressionModel SetFeaturesCol(string value) { Set(Columns.FeaturesCol, value); return this; }
    public LogisticRegressionModel SetPredictionCol(string value) { Set(Columns.PredictionCol, value); return this; }

    private LogisticRegressionResult Result { get; set; } = null!;

    /// <summary>Coefficients, one row per class (one row for a binomial model).</summary>
    public double[,] CoefficientMatrix => Result.CoefficientMatrix;

    /// <summary>Intercepts, one per class (one for a binomial model).</summary>
    public double[] InterceptVector => Result.InterceptVector;

    /// <summary>The coefficients of a binomial model.</summary>
    public DenseVector Coefficients => new(Result.Coefficients);

    /// <summary>The intercept of a binomial model.</summary>
    public double Intercept => Result.Intercept;

    public bool IsMultinomial => Result.IsMultinomial;
    public override int NumClasses => Result.NumClasses;
    public override int NumFeatures => Result.CoefficientMatrix.GetLength(1);

    /// <summary>The objective at each iteration of training (empty after loading).</summary>
    public double[] ObjectiveHistory => Result.ObjectiveHistory;

    /// <summary>The number of optimizer iterations used in training.</summary>
    public int TotalIterations => Result.Iterations;

    protected override void PredictRaw(double[] features, int rows, double[] raw)
    {
        var w = Result.CoefficientMatrix;
        int d = NumFeatures, m = w.GetLength(0), k = NumClasses;
        for (int r = 0; r < rows; r++)
        {
            var x = features.AsSpan(r * d, d);
            for (int c = 0; c < m; c++)
            {
                double s = Result.InterceptVector[c];
                for (int j = 0; j < d; j++) s += w[c, j] * x[j];
                if (IsMultinomial) raw[r * k + c] = s;
                else { raw[r * k] = -s; raw[r * k + 1] = s; }
            }
        }
    }

    protected override void RawToProbability(Span<double> raw)
    {
        if (!IsMultinomial)
        {
            double p1 = 1.0 / (1.0 + Math.Exp(-raw[1]));
            raw[0] = 1 - p1;
            raw[1] = p1;
            return;
        }
        double max = double.NegativeInfinity;
        foreach (var v in raw) max = Math.Max(max, v);
        double sum = 0;
        for (int i = 0; i < raw.Length; i++) sum += raw[i] = Math.Exp(raw[i] - max);
        for (int i = 0; i < raw.Length; i++) raw[i] /= sum;
    }

    protected override double ProbabilityToPrediction(ReadOnlySpan<double> probability) =>
        IsMultinomial || IsDefined(Columns.Thresholds) ? base.ProbabilityToPrediction(probability) : probability[1] > Get(ThresholdParam) ? 1 : 0;

    protected internal override void SaveData(string directory)
    {
        var w = Result.CoefficientMatrix;
        var rows = Enumerable.Range(0, w.GetLength(0)).Select(r => Enumerable.Range(0, w.GetLength(1)).Select(c => w[r, c]).ToArray()).ToArray();
        ModelData.Write(directory, new SavedLogisticRegression(Result.NumClasses, Result.IsMultinomial, rows, Result.InterceptVector));
    }

    protected internal override void LoadData(string directory)
    {
        var s = ModelData.Read<SavedLogisticRegression>(directory);
        if (s.Coefficients is null || s.Intercepts is null || s.Coefficients.Any(r => r is null))
            throw new PersistenceException($"LogisticRegressionModel data in {directory} lacks coefficients or intercepts.");
        int d = s.Coefficients.Length == 0 ? 0 : s.Coefficients[0].Length;
        var problem = SavedShapeProblem(s, d);
        if (problem is not null) throw new PersistenceException($"LogisticRegressionModel data in {directory} is inconsistent: {problem}.");
        var w = new double[s.Coefficients.Length, d];
        for (int r = 0; r < w.GetLength(0); r++) for (int c = 0; c < d; c++) w[r, c] = s.Coefficients[r][c];
        Result = new LogisticRegressionResult(w, s.Intercepts, s.NumClasses, s.IsMultinomial, 0, []);
    }

    /// <summary>What is wrong with the saved shapes and values, or null when they fit together.</summary>
    private static string? SavedShapeProblem(SavedLogisticRegression s, int d)
    {
        int rows = s.Coefficients.Length;
        if (s.NumClasses < 2) return $"numClasses is {s.NumClasses}, at least 2 are needed";
        if (d == 0 || s.Coefficients.Any(r => r.Length != d)) return $"the {rows} coefficient rows must all hold the same, non-zero number of features";
        if (s.Intercepts.Length != rows) return $"{rows} coefficient rows but {s.Intercepts.Length} intercepts";
        if (s.IsMultinomial && rows != s.NumClasses) return $"a multinomial model with numClasses {s.NumClasses} needs {s.NumClasses} coefficient rows, found {rows}";
        if (!s.IsMultinomial && (rows != 1 || s.NumClasses != 2)) return $"a binomial model needs 1 coefficient row and numClasses 2, found {rows} rows and numClasses {s.NumClasses}";
        if (s.Coefficients.Any(r => r.Any(v => !double.IsFinite(v))) || s.Intercepts.Any(v => !double.IsFinite(v))) return "a coefficient or intercept is not finite";
        return null;
    }

    private sealed record SavedLogisticRegression(int NumClasses, bool IsMultinomial, double[][] Coefficients, double[] Intercepts);

    public static LogisticRegressionModel Load(string path) => Load<LogisticRegressionModel>(path);
}
