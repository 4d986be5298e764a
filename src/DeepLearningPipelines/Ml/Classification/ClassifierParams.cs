using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>The column params every probabilistic classifier and its model share (Spark's names and defaults).</summary>
public sealed class ClassifierColumns
{
    internal ClassifierColumns(Params owner)
    {
        FeaturesCol = SharedParams.FeaturesCol(owner);
        LabelCol = SharedParams.LabelCol(owner);
        PredictionCol = SharedParams.PredictionCol(owner);
        RawPredictionCol = SharedParams.RawPredictionCol(owner);
        ProbabilityCol = SharedParams.ProbabilityCol(owner);
        Thresholds = SharedParams.Thresholds(owner);
    }

    public Param<string> FeaturesCol { get; }
    public Param<string> LabelCol { get; }
    public Param<string> PredictionCol { get; }
    public Param<string> RawPredictionCol { get; }
    public Param<string> ProbabilityCol { get; }
    public Param<double[]> Thresholds { get; }

    /// <summary>Checks features (vector) and, when <paramref name="needLabel"/>, label (numeric); appends the output columns.</summary>
    internal StructType Validate(Params owner, StructType schema, bool needLabel)
    {
        schema.Require(owner.Get(FeaturesCol), DataTypes.Vector, "features");
        if (needLabel) schema.RequireNumeric(owner.Get(LabelCol), "label");
        return ColumnAppender.Extend(schema,
            new StructField(owner.Get(RawPredictionCol), DataTypes.Vector, false),
            new StructField(owner.Get(ProbabilityCol), DataTypes.Vector, false),
            new StructField(owner.Get(PredictionCol), DataTypes.Double, false));
    }
}
