using System.Globalization;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Streaming;

/// <summary>When a streaming query runs its micro-batches, as Spark's <c>Trigger</c>.</summary>
public abstract record Trigger
{
    private Trigger() { }

    /// <summary>A micro-batch every <paramref name="interval"/> when new files arrived (zero: as soon as the previous one ends).</summary>
    public static Trigger ProcessingTime(TimeSpan interval)
    {
        if (interval < TimeSpan.Zero) throw new ParamException($"Trigger.ProcessingTime needs a non-negative interval but got {interval}.");
        return new ProcessingTimeTrigger(interval);
    }

    /// <summary>An interval such as <c>500ms</c>, <c>2s</c>, <c>1 minute</c> or <c>10 seconds</c>.</summary>
    public static Trigger ProcessingTime(string interval) => ProcessingTime(ParseInterval(interval));

    /// <summary>One micro-batch with every file available now (ignoring <c>maxFilesPerTrigger</c>), then the query stops.</summary>
    public static Trigger Once { get; } = new OnceTrigger();

    /// <summary>Every file available now, in as many micro-batches as <c>maxFilesPerTrigger</c> makes, then the query stops.</summary>
    public static Trigger AvailableNow { get; } = new AvailableNowTrigger();

    internal sealed record ProcessingTimeTrigger(TimeSpan Interval) : Trigger
    {
        public override string ToString() => $"ProcessingTime({Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)";
    }

    internal sealed record OnceTrigger : Trigger
    {
        public override string ToString() => "Once";
    }

    internal sealed record AvailableNowTrigger : Trigger
    {
        public override string ToString() => "AvailableNow";
    }

    /// <summary>Parses a number followed by ms, s, m or h (or their long names: milliseconds, seconds, minutes, hours).</summary>
    public static TimeSpan ParseInterval(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        int split = 0;
        while (split < t.Length && (char.IsDigit(t[split]) || t[split] == '.')) split++;
        string unit = t[split..].Trim();
        if (split == 0 || !double.TryParse(t[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            throw new ParamException($"Cannot read the interval '{text}': expected a number and a unit, such as 500ms, 2s or 1 minute.");
        double ms = unit switch
        {
            "ms" or "millisecond" or "milliseconds" => n,
            "s" or "sec" or "second" or "seconds" => n * 1000,
            "m" or "min" or "minute" or "minutes" => n * 60_000,
            "h" or "hour" or "hours" => n * 3_600_000,
            _ => throw new ParamException($"Cannot read the interval '{text}': unknown unit '{unit}'. Use ms, s, m or h."),
        };
        return TimeSpan.FromMilliseconds(ms);
    }
}
