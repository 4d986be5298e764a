namespace DeepLearningPipelines.Core.Progress;

/// <summary>
/// One named line of a <see cref="JobChart"/>: (x, y) points in the order they were added, appended from any thread.
/// A long series stays small enough to send to a page often: past <see cref="MaxPoints"/> points, every other one of
/// those kept so far is dropped (the first and the latest are kept), so older stretches are drawn with fewer points.
/// </summary>
public sealed class MetricSeries
{
    /// <summary>The most points a series keeps.</summary>
    public const int MaxPoints = 2000;

    private readonly List<double> _x = [], _y = [];

    internal MetricSeries(string name) => Name = name;

    /// <summary>What the series measures, e.g. <c>validation</c>.</summary>
    public string Name { get; }

    /// <summary>Appends the point (<paramref name="x"/>, <paramref name="y"/>); a non-finite value is kept out of the chart.</summary>
    public void Add(double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return;
        lock (_x)
        {
            if (_x.Count == MaxPoints)
            {
                Halve(_x);
                Halve(_y);
            }
            _x.Add(x);
            _y.Add(y);
        }
    }

    internal MetricSeriesSnapshot Snapshot()
    {
        lock (_x) return new MetricSeriesSnapshot(Name, _x.ToArray(), _y.ToArray());
    }

    /// <summary>Keeps the even-indexed values (the first included) and the last one (odd-indexed, as the count is even).</summary>
    private static void Halve(List<double> values)
    {
        double last = values[^1];
        int kept = 0;
        for (int i = 0; i < values.Count; i += 2) values[kept++] = values[i];
        values.RemoveRange(kept, values.Count - kept);
        values.Add(last);
    }
}
