using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// How a label column feeds the loss: class indices (int, long, float or double; sparse categorical cross-entropy),
/// or one-hot / probability vectors, dense or sparse (categorical cross-entropy).
/// </summary>
internal sealed class LabelEncoding
{
    private readonly bool _sourceIsIndex;

    private LabelEncoding(bool sourceIsIndex, bool sparse, int classes) => (_sourceIsIndex, IsIndex, Classes) = (sourceIsIndex, sparse, classes);

    /// <summary>True when batches hold class indices (sparse categorical cross-entropy), false for one row per class.</summary>
    public bool IsIndex { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Floats per label in a batch tensor.</summary>
    public int Width => IsIndex ? 1 : Classes;

    /// <summary>The loss these labels train with.</summary>
    public LossKind Loss => IsIndex ? LossKind.SparseCategoricalCrossEntropy : LossKind.CategoricalCrossEntropy;

    /// <summary>The label tensor shape of a batch of <paramref name="n"/>.</summary>
    public int[] Shape(int n) => IsIndex ? [n] : [n, Classes];

    /// <summary>True when <paramref name="type"/> can be a label column.</summary>
    public static bool Accepts(DataType type) => type == DataTypes.Vector || type == DataTypes.Integer || type == DataTypes.Long || type == DataTypes.Float || type == DataTypes.Double;

    /// <summary>
    /// The encoding of <paramref name="column"/> of <paramref name="data"/> for <paramref name="loss"/> (<c>auto</c>:
    /// sparse for indices, categorical for vectors): vector labels take their size, index labels
    /// <paramref name="numClasses"/> or one more than the largest label (one pass over the column).
    /// </summary>
    public static LabelEncoding For(DataFrame data, string column, int numClasses, string loss)
    {
        var type = data.Schema[column].DataType;
        if (!Accepts(type)) throw new SchemaException($"Label column '{column}' is {type}; use a class index (int, long, float, double) or a vector.");
        bool index = type != DataTypes.Vector;
        int classes;
        if (!index)
        {
            var first = data.Select(column).Where(Functions.Col(column).IsNotNull()).Take(1);
            if (first.Length == 0) throw new DataFormatException($"Label column '{column}' has no values.");
            classes = ((Vector)first[0][0]!).Size;
        }
        else if (numClasses > 0) classes = numClasses;
        else
        {
            double max = data.Select(column).Aggregate(() => double.NegativeInfinity, (m, b) =>
            {
                for (int r = 0; r < b.RowCount; r++)
                    if (b.GetValue(0, r) is { } v) m = Math.Max(m, System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
                return m;
            }, Math.Max);
            if (double.IsNegativeInfinity(max)) throw new DataFormatException($"Label column '{column}' has no values.");
            classes = (int)Math.Min(max + 1, int.MaxValue);
        }
        if (classes < 2) throw new DataFormatException($"Label column '{column}' holds {classes} class(es); a classifier needs at least 2 (set numClasses when some classes are absent).");
        bool sparse = loss switch { "sparse_categorical_crossentropy" => true, "categorical_crossentropy" => false, _ => index };
        return new LabelEncoding(index, sparse, classes);
    }

    /// <summary>Writes <paramref name="label"/> into <paramref name="target"/> (<see cref="Width"/> floats).</summary>
    public void Write(object label, Span<float> target)
    {
        if (_sourceIsIndex)
        {
            double index = System.Convert.ToDouble(label, System.Globalization.CultureInfo.InvariantCulture);
            if (index < 0 || index >= Classes || index != Math.Floor(index))
                throw new DataFormatException($"Label {index} is not a class index in 0…{Classes - 1}.");
            if (IsIndex) target[0] = (float)index;
            else
            {
                target.Clear();
                target[(int)index] = 1f;
            }
            return;
        }
        var v = label as Vector ?? throw new DataFormatException($"Label {label} is not a vector.");
        if (v.Size != Classes) throw new DataFormatException($"A label vector has {v.Size} elements; the first has {Classes}.");
        if (IsIndex)
        {
            int best = 0;
            for (int i = 1; i < Classes; i++) if (v[i] > v[best]) best = i;
            target[0] = best;
        }
        else for (int i = 0; i < Classes; i++) target[i] = (float)v[i];
    }
}
