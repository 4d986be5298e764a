using DeepLearningPipelines.Frames.Execution;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Weighted feature means and unbiased standard deviations as Spark's summarizer computes them
/// (variance = Σw(x − μ)² / (Σw − Σw²/Σw)), every sum taken over the rows of all ranks.</summary>
internal sealed record FeatureStatistics(double[] Mean, double[] Std)
{
    public static FeatureStatistics Compute(DenseRows data, double[] weights, TrainingRanks ranks)
    {
        int p = data.Columns;
        // Σw·x per feature, then Σw and Σw², summed over the ranks in one vector.
        var sums = new double[p + 2];
        for (int r = 0; r < data.Rows; r++)
        {
            double w = weights[r];
            sums[p] += w;
            sums[p + 1] += w * w;
            var row = data.Row(r);
            for (int j = 0; j < p; j++) sums[j] += w * row[j];
        }
        ranks.Sum(sums);
        double weightSum = sums[p], weightSquareSum = sums[p + 1];
        var mean = sums[..p];
        for (int j = 0; j < p; j++) mean[j] /= weightSum;

        var std = new double[p];
        for (int r = 0; r < data.Rows; r++)
        {
            var row = data.Row(r);
            for (int j = 0; j < p; j++)
            {
                double d = row[j] - mean[j];
                std[j] += weights[r] * d * d;
            }
        }
        ranks.Sum(std);
        double denominator = weightSum - weightSquareSum / weightSum;
        for (int j = 0; j < p; j++) std[j] = denominator > 0 ? Math.Sqrt(std[j] / denominator) : 0;
        return new FeatureStatistics(mean, std);
    }
}
