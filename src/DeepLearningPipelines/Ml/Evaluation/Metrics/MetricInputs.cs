using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>Checks shared by the metric constructors; every failure is a <see cref="DataFormatException"/> naming the input and row.</summary>
internal static class MetricInputs
{
    public static void RequireRows(int count, string metricName)
    {
        if (count == 0)
            throw new DataFormatException($"{metricName}: no rows to evaluate.");
    }

    public static void RequireLength(int expected, int actual, string name, string metricName)
    {
        if (actual != expected)
            throw new DataFormatException($"{metricName}: {name} has {actual} values but there are {expected} rows.");
    }

    public static void RequireFinite(ReadOnlySpan<double> values, string name, string metricName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new DataFormatException($"{metricName}: {name} at row {i} is {values[i]}; values must be finite numbers.");
        }
    }

    /// <summary>Returns the weights as an array, all ones when <paramref name="weights"/> is empty.</summary>
    public static double[] WeightsOrOnes(ReadOnlySpan<double> weights, int rows, string metricName)
    {
        if (weights.IsEmpty)
        {
            var ones = new double[rows];
            Array.Fill(ones, 1.0);
            return ones;
        }
        RequireLength(rows, weights.Length, "weights", metricName);
        double total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
                throw new DataFormatException($"{metricName}: weight at row {i} is {weights[i]}; weights must be finite and not negative.");
            total += weights[i];
        }
        if (total <= 0)
            throw new DataFormatException($"{metricName}: the weights sum to zero.");
        return weights.ToArray();
    }

    /// <summary>Checks that <paramref name="label"/> is a class index into a probability vector of <paramref name="classes"/> entries.</summary>
    public static int ClassIndex(double label, int classes, int row, string metricName)
    {
        if (label < 0 || label >= classes || label != Math.Floor(label))
            throw new DataFormatException(
                $"{metricName}: label {label} at row {row} is not a class index in [0, {classes}) of the probability vector.");
        return (int)label;
    }

    /// <summary>Checks that every probability row has the same finite length as the first one; returns that length.</summary>
    public static int RequireProbabilityRows(IReadOnlyList<double[]> probabilities, int rows, string metricName)
    {
        RequireLength(rows, probabilities.Count, "probabilities", metricName);
        int classes = probabilities[0]?.Length ?? 0;
        if (classes == 0)
            throw new DataFormatException($"{metricName}: the probability vector at row 0 is missing or empty.");
        for (int i = 0; i < probabilities.Count; i++)
        {
            var row = probabilities[i];
            if (row is null || row.Length != classes)
                throw new DataFormatException(
                    $"{metricName}: the probability vector at row {i} has {row?.Length ?? 0} entries, expected {classes}.");
            for (int c = 0; c < classes; c++)
            {
                if (!double.IsFinite(row[c]))
                    throw new DataFormatException(
                        $"{metricName}: probability {c} at row {i} is {row[c]}; values must be finite numbers.");
            }
        }
        return classes;
    }
}
