namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Weighted feature means and unbiased standard deviations as Spark's summarizer computes them
/// (variance = Σw(x − μ)² / (Σw − Σw²/Σw)).</summary>
internal sealed record FeatureStatistics(double[] Mean, double[] Std)
{
    public static FeatureStatistics Compute(DenseRows data, double[] weights)
    {
        int p = data.Columns;
        var mean = new double[p];
        double weightSum = 0, weightSquareSum = 0;
        for (int r = 0; r < data.Rows; r++)
        {
            double w = weights[r];
            weightSum += w;
            weightSquareSum += w * w;
            var row = data.Row(r);
            for (int j = 0; j < p; j++) mean[j] += w * row[j];
        }
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
        double denominator = weightSum - weightSquareSum / weightSum;
        for (int j = 0; j < p; j++) std[j] = denominator > 0 ? Math.Sqrt(std[j] / denominator) : 0;
        return new FeatureStatistics(mean, std);
    }
}
