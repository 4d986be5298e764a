namespace DeepLearningPipelines.Core.Progress;

/// <summary>
/// One chart of a <see cref="JobProgress"/>: named series of (x, y) points sharing an x axis, e.g. the loss of training
/// and validation against the step.
/// </summary>
public sealed class JobChart
{
    private readonly List<MetricSeries> _series = [];

    internal JobChart(string title, string xLabel)
    {
        Title = title;
        XLabel = xLabel;
    }

    /// <summary>What the chart shows, e.g. <c>loss</c>.</summary>
    public string Title { get; }

    /// <summary>What its x axis counts, e.g. <c>step</c>.</summary>
    public string XLabel { get; }

    /// <summary>The series named <paramref name="name"/>, created empty on first use.</summary>
    public MetricSeries Series(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_series)
        {
            var series = _series.Find(s => s.Name == name);
            if (series is null) _series.Add(series = new MetricSeries(name));
            return series;
        }
    }

    internal JobChartSnapshot Snapshot()
    {
        lock (_series) return new JobChartSnapshot(Title, XLabel, _series.Select(s => s.Snapshot()).ToList());
    }
}
