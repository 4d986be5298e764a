using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// A fitted classifier that outputs <c>rawPrediction</c>, <c>probability</c> and <c>prediction</c> columns, as Spark's
/// <c>ProbabilisticClassificationModel</c>; predictions are computed a batch at a time.
/// </summary>
public abstract class ProbabilisticClassificationModel : Model
{
    protected ProbabilisticClassificationModel(string? uid) : base(uid) => Columns = new ClassifierColumns(this);

    /// <summary>The column params (features, label, prediction, rawPrediction, probability, thresholds).</summary>
    public ClassifierColumns Columns { get; }

    public string FeaturesCol { get => Get(Columns.FeaturesCol); set => Set(Columns.FeaturesCol, value); }
    public string LabelCol { get => Get(Columns.LabelCol); set => Set(Columns.LabelCol, value); }
    public string PredictionCol { get => Get(Columns.PredictionCol); set => Set(Columns.PredictionCol, value); }
    public string RawPredictionCol { get => Get(Columns.RawPredictionCol); set => Set(Columns.RawPredictionCol, value); }
    public string ProbabilityCol { get => Get(Columns.ProbabilityCol); set => Set(Columns.ProbabilityCol, value); }
    public double[]? Thresholds { get => GetOrNull(Columns.Thresholds); set => SetOrClear(Columns.Thresholds, value); }

    public abstract int NumClasses { get; }
    public abstract int NumFeatures { get; }

    /// <summary>Raw scores for <paramref name="rows"/> feature rows (row-major) into <paramref name="raw"/> (rows × NumClasses).</summary>
    protected abstract void PredictRaw(double[] features, int rows, double[] raw);

    /// <summary>Turns raw scores into probabilities in place.</summary>
    protected abstract void RawToProbability(Span<double> raw);

    /// <summary>The predicted class from probabilities: the largest p/t with thresholds, else the largest p.</summary>
    protected virtual double ProbabilityToPrediction(ReadOnlySpan<double> probability)
    {
        var t = IsDefined(Columns.Thresholds) ? Get(Columns.Thresholds) : null;
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int k = 0; k < probability.Length; k++)
        {
            double s = t is null ? probability[k] : t[k] == 0 ? double.PositiveInfinity : probability[k] / t[k];
            if (s > bestScore) { bestScore = s; best = k; }
        }
        return best;
    }

    /// <summary>Class probabilities for one feature vector.</summary>
    public double[] PredictProbability(Vector features)
    {
        var p = new double[NumClasses];
        PredictRaw(features.ToArray(), 1, p);
        RawToProbability(p);
        return p;
    }

    /// <summary>The predicted class for one feature vector.</summary>
    public double Predict(Vector features) => ProbabilityToPrediction(PredictProbability(features));

    public override StructType TransformSchema(StructType schema)
    {
        var t = IsDefined(Columns.Thresholds) ? Get(Columns.Thresholds) : null;
        if (t is not null && t.Length != NumClasses)
            throw new ParamException($"Thresholds has {t.Length} values but the model has {NumClasses} classes.");
        return Columns.Validate(this, schema, needLabel: false);
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        string featuresCol = Get(Columns.FeaturesCol);
        int f = dataset.Schema.FieldIndex(featuresCol);
        var fields = new[]
        {
            new StructField(Get(Columns.RawPredictionCol), DataTypes.Vector, false),
            new StructField(Get(Columns.ProbabilityCol), DataTypes.Vector, false),
            new StructField(Get(Columns.PredictionCol), DataTypes.Double, false),
        };
        int d = NumFeatures, k = NumClasses;
        return ColumnAppender.Append(dataset, fields, b =>
        {
            var x = new double[b.RowCount * d];
            var features = new VectorColumn(b.Column(f), featuresCol);
            for (int r = 0; r < b.RowCount; r++)
            {
                if (features.IsNull(r)) throw new DataFormatException($"Column '{featuresCol}' is null in row {MessageText.Escape(b.GetRow(r).ToString()!, 200)}{RowDetails.Of(b, r, featuresCol)}.");
                int size = features.Size(r);
                if (size != d) throw new DataFormatException($"Column '{featuresCol}' has a vector of size {size} but the model expects {d} features.");
                features.CopyTo(r, x.AsSpan(r * d, d));
            }
            var raw = new double[b.RowCount * k];
            PredictRaw(x, b.RowCount, raw);
            var rawCol = new VectorColumnBuilder(fields[0].Name);
            var probCol = new VectorColumnBuilder(fields[1].Name);
            var predCol = new double[b.RowCount];
            var prob = new double[k];
            for (int r = 0; r < b.RowCount; r++)
            {
                var rawRow = raw.AsSpan(r * k, k);
                rawRow.CopyTo(prob);
                RawToProbability(prob);
                rawCol.AppendDense(rawRow);
                probCol.AppendDense(prob);
                predCol[r] = ProbabilityToPrediction(prob);
            }
            return ([rawCol.Build(), probCol.Build(), PrimitiveArrays.Of(DataTypes.Double, predCol, null)], null);
        }, GetType().Name);
    }
}
