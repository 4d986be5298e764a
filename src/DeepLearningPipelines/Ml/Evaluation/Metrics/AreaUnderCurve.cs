namespace DeepLearningPipelines.Ml.Evaluation.Metrics;

/// <summary>Trapezoidal integration over consecutive curve points, as Spark's <c>AreaUnderCurve.of</c>.</summary>
internal static class AreaUnderCurve
{
    public static double Of(IReadOnlyList<CurvePoint> points)
    {
        double area = 0;
        for (int i = 1; i < points.Count; i++)
            area += (points[i].X - points[i - 1].X) * (points[i].Y + points[i - 1].Y) / 2.0;
        return area;
    }
}
