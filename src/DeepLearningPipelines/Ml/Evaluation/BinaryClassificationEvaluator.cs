using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Evaluation;

/// <summary>
/// Binary metrics on (rawPrediction, label[, weight]) columns, as Spark's <c>BinaryClassificationEvaluator</c>:
/// <c>areaUnderROC</c> (default) or <c>areaUnderPR</c>. The score is the raw prediction's element 1 when it is a
/// vector, or the value itself when it is a number.
/// </summary>
public sealed class BinaryClassificationEvaluator : Evaluator
{
    public BinaryClassificationEvaluator(string? uid = null) : base(uid)
    {
        MetricNameParam = Declare<string>("metricName", "metric name in evaluation: areaUnderROC, areaUnderPR", "areaUnderROC", ParamValidators.InArray("areaUnderROC", "areaUnderPR"));
        RawPredictionColParam = SharedParams.RawPredictionCol(this);
        LabelColParam = SharedParams.LabelCol(this);
        WeightColParam = SharedParams.WeightCol(this);
    }

    public Param<string> MetricNameParam { get; }
    public Param<string> RawPredictionColParam { get; }
    public Param<string> LabelColParam { get; }
    public Param<string> WeightColParam { get; }

    public string MetricName { get => Get(MetricNameParam); set => Set(MetricNameParam, value); }
    public string RawPredictionCol { get => Get(RawPredictionColParam); set => Set(RawPredictionColParam, value); }
    public string LabelCol { get => Get(LabelColParam); set => Set(LabelColParam, value); }
    public string? WeightCol { get => GetOrNull(WeightColParam); set => SetOrClear(WeightColParam, value); }

    public BinaryClassificationEvaluator SetMetricName(string value) { Set(MetricNameParam, value); return this; }
    public BinaryClassificationEvaluator SetRawPredictionCol(string value) { Set(RawPredictionColParam, value); return this; }
    public BinaryClassificationEvaluator SetLabelCol(string value) { Set(LabelColParam, value); return this; }
    public BinaryClassificationEvaluator SetWeightCol(string value) { Set(WeightColParam, value); return this; }

    public override bool IsLargerBetter => true;

    /// <summary>The ROC and PR curves and their areas.</summary>
    public BinaryClassificationMetrics Metrics(DataFrame dataset)
    {
        string raw = Get(RawPredictionColParam), label = Get(LabelColParam);
        string? weight = IsDefined(WeightColParam) ? Get(WeightColParam) : null;
        var rawType = dataset.Schema[raw].DataType;
        if (rawType != DataTypes.Vector && !rawType.IsNumeric)
            throw new SchemaException($"Column '{raw}' must be a vector or a number (the score) but was {rawType.SimpleString}.");
        dataset.Schema.RequireNumeric(label, "label");
        var rows = dataset.Select(weight is null ? [raw, label] : [raw, label, weight]).Collect();
        var scores = rows.Select(r => r[0] switch
        {
            Vector v when v.Size == 2 => v[1],
            Vector v => throw new DataFormatException($"Column '{raw}' holds a vector of size {v.Size}; binary evaluation needs size 2."),
            var x => ValueConvert.ToDouble(x, raw),
        }).ToArray();
        var labels = rows.Select(r => ValueConvert.ToDouble(r[1], label)).ToArray();
        var weights = weight is null ? [] : rows.Select(r => ValueConvert.ToDouble(r[2], weight)).ToArray();
        return new BinaryClassificationMetrics(scores, labels, weights);
    }

    protected override double EvaluateImpl(DataFrame dataset)
    {
        var m = Metrics(dataset);
        return Get(MetricNameParam) == "areaUnderPR" ? m.AreaUnderPr : m.AreaUnderRoc;
    }

    public static BinaryClassificationEvaluator Load(string path) => Load<BinaryClassificationEvaluator>(path);
}
