using System.Diagnostics;

namespace DeepLearningPipelines.Core.Progress;

/// <summary>
/// The progress of one running job, safe to update from worker threads and to read from another (a progress bar, a web
/// page): its stages in order, the units each has done (of a total when known), charts of named metric series (a training
/// loss), tables (a stream's micro-batches) and the final report.
/// </summary>
public sealed class JobProgress
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<JobStage> _stages = [];
    private readonly List<JobChart> _charts = [];
    private readonly List<JobTable> _tables = [];
    private string? _report;
    private string? _error;

    /// <summary>Starts the job's clock.</summary>
    /// <param name="name">What the job is, e.g. <c>featurize</c>.</param>
    public JobProgress(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    /// <summary>What the job is.</summary>
    public string Name { get; }

    /// <summary>Seconds since the job started.</summary>
    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;

    /// <summary>Ends the current stage and starts the next one.</summary>
    /// <param name="name">What the stage does, e.g. <c>featurizing</c>.</param>
    /// <param name="total">How many units (rows, images, iterations) it will do, when known.</param>
    /// <param name="unit">What it counts, plural: <c>images</c>, <c>rows</c>.</param>
    public JobStage StartStage(string name, long? total = null, string unit = "rows")
    {
        lock (_gate)
        {
            if (_stages.Count > 0) _stages[^1].End(ElapsedSeconds);
            var stage = new JobStage(name, total, unit, ElapsedSeconds, () => ElapsedSeconds);
            _stages.Add(stage);
            return stage;
        }
    }

    /// <summary>The chart titled <paramref name="title"/>, created empty on first use.</summary>
    /// <param name="title">What the chart shows, e.g. <c>loss</c>.</param>
    /// <param name="xLabel">What its x axis counts, e.g. <c>step</c>; ignored when the chart exists.</param>
    public JobChart Chart(string title, string xLabel)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        lock (_gate)
        {
            var chart = _charts.Find(c => c.Title == title);
            if (chart is null) _charts.Add(chart = new JobChart(title, xLabel));
            return chart;
        }
    }

    /// <summary>The table titled <paramref name="title"/>, created empty with <paramref name="columns"/> on first use.</summary>
    /// <exception cref="ParamException">The table exists with other columns, or no column is given.</exception>
    public JobTable Table(string title, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0) throw new ParamException($"Table '{title}' needs at least one column.");
        lock (_gate)
        {
            var table = _tables.Find(t => t.Title == title);
            if (table is null) _tables.Add(table = new JobTable(title, columns.ToArray()));
            else if (!table.Columns.SequenceEqual(columns))
                throw new ParamException($"Table '{title}' has the columns {string.Join(", ", table.Columns)}, not {string.Join(", ", columns)}.");
            return table;
        }
    }

    /// <summary>Marks the job done with its final report (the text the command printed as its result).</summary>
    public void Complete(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            EndLastStage();
            _report = report;
        }
    }

    /// <summary>Marks the job failed with the error message the user saw.</summary>
    public void Fail(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            EndLastStage();
            _error = error;
        }
    }

    /// <summary>A consistent copy of the job's state at this moment.</summary>
    public JobSnapshot Snapshot()
    {
        lock (_gate)
        {
            string state = _error is not null ? "failed" : _report is not null ? "done" : "running";
            return new JobSnapshot(Name, state, ElapsedSeconds, _stages.Select(s => s.Snapshot()).ToList(),
                _charts.Select(c => c.Snapshot()).ToList(), _tables.Select(t => t.Snapshot()).ToList(), _report, _error);
        }
    }

    private void EndLastStage()
    {
        if (_stages.Count > 0) _stages[^1].End(ElapsedSeconds);
    }
}
