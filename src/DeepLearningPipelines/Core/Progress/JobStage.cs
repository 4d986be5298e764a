namespace DeepLearningPipelines.Core.Progress;

/// <summary>One stage of a <see cref="JobProgress"/>: a count of units done, advanced from any thread.</summary>
public sealed class JobStage
{
    private readonly Func<double> _now;
    private long _done;
    private long _total;
    private double _endSeconds = double.NaN;

    internal JobStage(string name, long? total, string unit, double startSeconds, Func<double> now)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (total < 0) throw new ParamException($"Stage '{name}' cannot have a negative total ({total}).");
        Name = name;
        Unit = unit;
        _total = total ?? -1;
        StartSeconds = startSeconds;
        _now = now;
    }

    /// <summary>What the stage does.</summary>
    public string Name { get; }

    /// <summary>What it counts, plural.</summary>
    public string Unit { get; }

    /// <summary>Job time, in seconds, at which the stage started.</summary>
    public double StartSeconds { get; }

    /// <summary>Units done so far.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Units the stage will do, or null when unknown.</summary>
    public long? Total => Interlocked.Read(ref _total) is var total and >= 0 ? total : null;

    /// <summary>Adds <paramref name="units"/> to the units done.</summary>
    public void Advance(long units = 1) => Interlocked.Add(ref _done, units);

    /// <summary>Sets the total once it becomes known.</summary>
    public void SetTotal(long total)
    {
        if (total < 0) throw new ParamException($"Stage '{Name}' cannot have a negative total ({total}).");
        Interlocked.Exchange(ref _total, total);
    }

    internal void End(double seconds)
    {
        if (double.IsNaN(Volatile.Read(ref _endSeconds))) Volatile.Write(ref _endSeconds, seconds);
    }

    internal JobStageSnapshot Snapshot()
    {
        double end = Volatile.Read(ref _endSeconds);
        bool finished = !double.IsNaN(end);
        double seconds = (finished ? end : _now()) - StartSeconds;
        long done = Done;
        return new JobStageSnapshot(Name, Unit, done, Total, seconds, seconds > 0 ? done / seconds : 0, finished);
    }
}
