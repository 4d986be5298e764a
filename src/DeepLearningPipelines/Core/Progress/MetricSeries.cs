namespace DeepLearningPipelines.Core.Progress;

/// <summary>One named line of a <see cref="JobChart"/>: (x, y) points in the order they were added, appended from any thread.</summary>
public sealed class MetricSeries
{
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
            _x.Add(x);
            _y.Add(y);
        }
    }

    internal MetricSeriesSnapshot Snapshot()
    {
        lock (_x) return new MetricSeriesSnapshot(Name, _x.ToArray(), _y.ToArray());
    }
}
