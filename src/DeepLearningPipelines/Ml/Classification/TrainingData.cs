using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// Labelled instances pulled out of a DataFrame into a row-major feature matrix, checked for bad values. Under MPI each
/// rank holds only the rows of its own partitions (its share); the learners sum their statistics over the ranks.
/// </summary>
public sealed record TrainingData(double[] Features, int Rows, int NumFeatures, double[] Labels, double[] Weights)
{
    /// <summary>Maps row numbers back to the file lines they were read from, for messages.</summary>
    internal RowLocator Locator { get; init; } = new();

    /// <summary>The ranks holding the other shares of the rows (<see cref="TrainingRanks.Single"/> in one process).</summary>
    internal TrainingRanks Ranks { get; init; } = TrainingRanks.Single;

    /// <summary>The number, in the whole data set, of this share's first row (the rows of the ranks before this one).</summary>
    internal int FirstRow { get; init; }

    /// <summary><c>row N (file F line L)</c> for row <paramref name="i"/> of this share, numbered in the whole data set.</summary>
    internal string RowName(int i) => RowName(Locator, FirstRow, i);

    private static string RowName(RowLocator locator, int first, int i) =>
        locator.Origin(i) is { } origin ? $"row {first + i} ({origin})" : $"row {first + i}";

    /// <summary>Row <paramref name="i"/> of the feature matrix.</summary>
    public double[] Row(int i) => Features.AsSpan(i * NumFeatures, NumFeatures).ToArray();

    /// <summary>
    /// Collects features, labels and optional weights of this process's partitions: every row in one process, this
    /// rank's share under MPI. Fails, on every rank, naming the column and row for a null, NaN or infinite value, a
    /// negative weight, vectors of different sizes, or an empty data set.
    /// </summary>
    public static TrainingData Extract(DataFrame dataset, string featuresCol, string labelCol, string? weightCol = null)
    {
        var ranks = TrainingRanks.Of(dataset.Session);
        TrainingData own = null!;
        ranks.Agree(() => own = ExtractOwn(dataset, featuresCol, labelCol, weightCol, ranks));
        return own.AgreeOnShape(ranks, featuresCol, labelCol);
    }

    private static TrainingData ExtractOwn(DataFrame dataset, string featuresCol, string labelCol, string? weightCol, TrainingRanks ranks)
    {
        int f = dataset.Schema.FieldIndex(featuresCol), l = dataset.Schema.FieldIndex(labelCol);
        int w = weightCol is null ? -1 : dataset.Schema.FieldIndex(weightCol);
        var batches = dataset.Select(weightCol is null ? [featuresCol, labelCol] : [featuresCol, labelCol, weightCol]).CollectOwnBatches();
        int rows = batches.Sum(b => b.RowCount);
        int first = ranks.RowsBefore(rows);
        int d = -1;
        double[] x = [], y = new double[rows], wt = new double[rows];
        int i = 0;
        var locator = new RowLocator();
        foreach (var b in batches)
        {
            locator.Add(b);
            string Where(int column, int r, int row) => $"row {first + row}{RowDetails.Of(b, r, b.Schema[column].Name)}";
            var features = new VectorColumn(b.Column(0), featuresCol);
            var labels = new NumericColumn(b.Column(1), labelCol);
            var weights = w < 0 ? null : new NumericColumn(b.Column(2), weightCol!);
            for (int r = 0; r < b.RowCount; r++, i++)
            {
                if (features.IsNull(r)) throw new DataFormatException($"Column '{featuresCol}' is null in {Where(0, r, i)}.");
                int size = features.Size(r);
                if (d < 0) { d = size; x = new double[(long)rows * d <= int.MaxValue ? rows * d : throw new DataFormatException($"{rows} rows × {d} features do not fit in memory for this learner.")]; }
                if (size != d) throw new DataFormatException($"Column '{featuresCol}' has vectors of different sizes: {d} in the first row but {size} in {RowName(locator, first, i)}.");
                var span = x.AsSpan(i * d, d);
                features.CopyTo(r, span);
                for (int k = 0; k < d; k++)
                    if (!double.IsFinite(span[k]))
                        throw new DataFormatException($"Column '{featuresCol}' has a non-finite value ({JavaFormat.Double(span[k])}) at feature {k} in {RowName(locator, first, i)}; clean or impute the data first (e.g. VectorAssembler with handleInvalid=skip).");
                y[i] = labels.IsNull(r) ? throw new DataFormatException($"Column '{labelCol}' is null in {Where(1, r, i)}.") : labels.Double(r);
                if (!double.IsFinite(y[i])) throw new DataFormatException($"Column '{labelCol}' has a non-finite value ({JavaFormat.Double(y[i])}) in {RowName(locator, first, i)}.");
                wt[i] = weights is null ? 1.0 : weights.IsNull(r) ? throw new DataFormatException($"Column '{weightCol}' is null in {Where(2, r, i)}.") : weights.Double(r);
                if (!(wt[i] >= 0) || double.IsInfinity(wt[i])) throw new DataFormatException($"Column '{weightCol}' has an invalid weight {JavaFormat.Double(wt[i])} in {RowName(locator, first, i)}; weights must be finite and non-negative.");
            }
        }
        return new TrainingData(x, rows, d, y, wt) { Locator = locator, FirstRow = first };
    }

    /// <summary>
    /// Fails on every rank when no rank has rows or ranks hold vectors of different sizes; a rank without rows takes
    /// the others' feature count.
    /// </summary>
    private TrainingData AgreeOnShape(TrainingRanks ranks, string featuresCol, string labelCol)
    {
        var sizes = ranks.Gather(Rows == 0 ? -1 : NumFeatures);
        if (ranks.Sum(Rows) == 0) throw new DataFormatException($"Cannot fit on an empty data set (no rows with columns '{featuresCol}' and '{labelCol}').");
        var present = sizes.Where(s => s >= 0).Distinct().ToArray();
        if (present.Length > 1)
            throw new DataFormatException($"Column '{featuresCol}' has vectors of different sizes on different ranks: {string.Join(", ", sizes.Select((s, r) => s < 0 ? $"no rows on rank {r}" : $"{s} on rank {r}"))}.");
        return this with { NumFeatures = (int)present[0], Ranks = ranks };
    }

    /// <summary>The number of classes: one more than the largest label, after checking labels are non-negative integers.</summary>
    public int NumClassesFromLabels(string labelCol)
    {
        double max = 0;
        Ranks.Agree(() =>
        {
            for (int i = 0; i < Labels.Length; i++)
            {
                double v = Labels[i];
                if (v < 0 || v != Math.Floor(v))
                    throw new DataFormatException($"Column '{labelCol}' has label {JavaFormat.Double(v)} in {RowName(i)}; class labels must be non-negative integers 0, 1, 2, … (use StringIndexer to index string labels).");
                max = Math.Max(max, v);
            }
        });
        return (int)Ranks.Gather(max).Max() + 1;
    }
}
