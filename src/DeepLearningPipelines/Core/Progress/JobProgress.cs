using System.Diagnostics;

namespace DeepLearningPipelines.Core.Progress;

/// <summary>
/// The progress of one running job, safe to update from worker threads and to read from another (a progress bar, a web
/// page): its stages in order, the units each has done (of a total when known), training loss curves and the final report.
/// </summary>
public sealed class JobProgress
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<JobStage> _stages = [];
    private readonly Dictionary<string, List<double>> _losses = new(StringComparer.Ordinal);
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

    /// <summary>Appends one loss value (the objective after the next iteration) to the named training run's curve.</summary>
    public void ReportLoss(string run, double loss)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!_losses.TryGetValue(run, out var curve)) _losses[run] = curve = [];
            curve.Add(loss);
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
                _losses.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal), _report, _error);
        }
    }

    private void EndLastStage()
    {
        if (_stages.Count > 0) _stages[^1].End(ElapsedSeconds);
    }
}
