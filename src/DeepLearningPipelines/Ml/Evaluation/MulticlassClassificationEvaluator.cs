using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Evaluation;

/// <summary>
/// Multiclass metrics on (prediction, label[, weight][, probability]) columns, as Spark's
/// <c>MulticlassClassificationEvaluator</c>: <c>f1</c> (default; Spark's weighted F-measure), <c>accuracy</c>,
/// <c>weightedPrecision</c>, <c>weightedRecall</c>, <c>weightedFMeasure</c>, <c>weightedTruePositiveRate</c>,
/// <c>weightedFalsePositiveRate</c>, <c>hammingLoss</c>, <c>logLoss</c>. Every metric but logLoss is computed from
/// weighted (label, prediction) counts made per partition and summed (under MPI each rank counts its own partitions);
/// logLoss and <see cref="Metrics"/> gather the needed columns.
/// </summary>
public sealed class MulticlassClassificationEvaluator : Evaluator
{
    private static readonly string[] MetricNames =
        ["f1", "accuracy", "weightedPrecision", "weightedRecall", "weightedFMeasure", "weightedTruePositiveRate", "weightedFalsePositiveRate", "hammingLoss", "logLoss"];

    public MulticlassClassificationEvaluator(string? uid = null) : base(uid)
    {
        MetricNameParam = Declare<string>("metricName", "metric name in evaluation: " + string.Join(", ", MetricNames), "f1", ParamValidators.InArray(MetricNames));
        PredictionColParam = SharedParams.PredictionCol(this);
        LabelColParam = SharedParams.LabelCol(this);
        ProbabilityColParam = SharedParams.ProbabilityCol(this);
        WeightColParam = SharedParams.WeightCol(this);
    }

    public Param<string> MetricNameParam { get; }
    public Param<string> PredictionColParam { get; }
    public Param<string> LabelColParam { get; }
    public Param<string> ProbabilityColParam { get; }
    public Param<string> WeightColParam { get; }

    public string MetricName { get => Get(MetricNameParam); set => Set(MetricNameParam, value); }
    public string PredictionCol { get => Get(PredictionColParam); set => Set(PredictionColParam, value); }
    public string LabelCol { get => Get(LabelColParam); set => Set(LabelColParam, value); }
    public string ProbabilityCol { get => Get(ProbabilityColParam); set => Set(ProbabilityColParam, value); }
    public string? WeightCol { get => GetOrNull(WeightColParam); set => SetOrClear(WeightColParam, value); }

    public MulticlassClassificationEvaluator SetMetricName(string value) { Set(MetricNameParam, value); return this; }
    public MulticlassClassificationEvaluator SetPredictionCol(string value) { Set(PredictionColParam, value); return this; }
    public MulticlassClassificationEvaluator SetLabelCol(string value) { Set(LabelColParam, value); return this; }
    public MulticlassClassificationEvaluator SetProbabilityCol(string value) { Set(ProbabilityColParam, value); return this; }
    public MulticlassClassificationEvaluator SetWeightCol(string value) { Set(WeightColParam, value); return this; }

    public override bool IsLargerBetter => Get(MetricNameParam) is not ("logLoss" or "hammingLoss");

    /// <summary>Every metric at once, with the confusion matrix, per-class figures and (with probabilities) log loss.</summary>
    public MulticlassMetrics Metrics(DataFrame dataset)
    {
        string pred = Get(PredictionColParam), label = Get(LabelColParam), prob = Get(ProbabilityColParam);
        string? weight = IsDefined(WeightColParam) ? Get(WeightColParam) : null;
        dataset.Schema.RequireNumeric(pred, "prediction");
        dataset.Schema.RequireNumeric(label, "label");
        if (weight is not null) dataset.Schema.RequireNumeric(weight, "weight");
        bool withProb = dataset.Schema.Contains(prob) && dataset.Schema[prob].DataType == DataTypes.Vector;
        var cols = new List<string> { pred, label };
        if (weight is not null) cols.Add(weight);
        if (withProb) cols.Add(prob);
        var rows = dataset.Select(cols.ToArray()).Collect();
        var p = rows.Select(r => ValueConvert.ToDouble(r[0], pred)).ToArray();
        var l = rows.Select(r => ValueConvert.ToDouble(r[1], label)).ToArray();
        var w = weight is null ? [] : rows.Select(r => ValueConvert.ToDouble(r[2], weight)).ToArray();
        var probabilities = withProb ? rows.Select(r => ((Vector)r[^1]!).ToArray()).ToList() : null;
        return new MulticlassMetrics(p, l, w, probabilities);
    }

    /// <summary>One-vs-rest ROC AUC per class with macro and support-weighted averages, from the label and probability columns.</summary>
    public OneVsRestRocAuc OneVsRestRocAuc(DataFrame dataset)
    {
        string label = Get(LabelColParam), prob = Get(ProbabilityColParam);
        dataset.Schema.RequireNumeric(label, "label");
        dataset.Schema.Require(prob, DataTypes.Vector, "class probabilities");
        string? weight = IsDefined(WeightColParam) ? Get(WeightColParam) : null;
        var rows = dataset.Select(weight is null ? [label, prob] : [label, prob, weight]).Collect();
        return new OneVsRestRocAuc(rows.Select(r => ValueConvert.ToDouble(r[0], label)).ToArray(), rows.Select(r => ((Vector)r[1]!).ToArray()).ToList(),
            weight is null ? [] : rows.Select(r => ValueConvert.ToDouble(r[2], weight)).ToArray());
    }

    protected override double EvaluateImpl(DataFrame dataset)
    {
        var name = Get(MetricNameParam);
        if (name == "logLoss" && !(dataset.Schema.Contains(Get(ProbabilityColParam)) && dataset.Schema[Get(ProbabilityColParam)].DataType == DataTypes.Vector))
            throw new SchemaException($"Metric logLoss needs the probability column '{Get(ProbabilityColParam)}' (vector), which the input lacks.");
        if (name == "logLoss") return Metrics(dataset).LogLoss();
        var m = CountedMetrics(dataset);
        return name switch
        {
            "accuracy" => m.Accuracy,
            "weightedPrecision" => m.WeightedPrecision,
            "weightedRecall" => m.WeightedRecall,
            "weightedTruePositiveRate" => m.WeightedTruePositiveRate,
            "weightedFalsePositiveRate" => m.WeightedFalsePositiveRate,
            "hammingLoss" => m.HammingLoss,
            _ => m.WeightedFMeasure,
        };
    }

    /// <summary>The metrics of weighted (label, prediction) counts, counted per partition and summed.</summary>
    private MulticlassMetrics CountedMetrics(DataFrame dataset)
    {
        string pred = Get(PredictionColParam), label = Get(LabelColParam);
        string? weight = IsDefined(WeightColParam) ? Get(WeightColParam) : null;
        dataset.Schema.RequireNumeric(pred, "prediction");
        dataset.Schema.RequireNumeric(label, "label");
        if (weight is not null) dataset.Schema.RequireNumeric(weight, "weight");
        var counts = dataset.Select(weight is null ? [pred, label] : [pred, label, weight]).Aggregate(
            () => new Dictionary<(double Label, double Prediction), double>(),
            (sums, batch) => LabelCounts.Add(sums, batch, pred, label, weight),
            LabelCounts.Merge);
        return new MulticlassMetrics(counts);
    }

    public static MulticlassClassificationEvaluator Load(string path) => Load<MulticlassClassificationEvaluator>(path);
}
