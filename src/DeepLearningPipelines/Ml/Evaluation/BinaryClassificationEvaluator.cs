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
        MetricName = Declare<string>("metricName", "metric name in evaluation: areaUnderROC, areaUnderPR", "areaUnderROC", ParamValidators.InArray("areaUnderROC", "areaUnderPR"));
        RawPredictionCol = SharedParams.RawPredictionCol(this);
        LabelCol = SharedParams.LabelCol(this);
        WeightCol = SharedParams.WeightCol(this);
    }

    public Param<string> MetricName { get; }
    public Param<string> RawPredictionCol { get; }
    public Param<string> LabelCol { get; }
    public Param<string> WeightCol { get; }

    public BinaryClassificationEvaluator SetMetricName(string value) { Set(MetricName, value); return this; }
    public BinaryClassificationEvaluator SetRawPredictionCol(string value) { Set(RawPredictionCol, value); return this; }
    public BinaryClassificationEvaluator SetLabelCol(string value) { Set(LabelCol, value); return this; }
    public BinaryClassificationEvaluator SetWeightCol(string value) { Set(WeightCol, value); return this; }

    public override bool IsLargerBetter => true;

    /// <summary>The ROC and PR curves and their areas.</summary>
    public BinaryClassificationMetrics Metrics(DataFrame dataset)
    {
        string raw = Get(RawPredictionCol), label = Get(LabelCol);
        string? weight = IsDefined(WeightCol) ? Get(WeightCol) : null;
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
        return Get(MetricName) == "areaUnderPR" ? m.AreaUnderPr : m.AreaUnderRoc;
    }

    public static BinaryClassificationEvaluator Load(string path) => Load<BinaryClassificationEvaluator>(path);
}
