using System.Diagnostics;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>Wall-clock timing of repeated runs after one warm-up run.</summary>
internal static class MedianTimer
{
    /// <summary>Runs <paramref name="run"/> once to warm up and then <paramref name="repeats"/> times; returns the median seconds and the last result.</summary>
    public static (double MedianSeconds, T Result) Measure<T>(Func<T> run, int repeats)
    {
        T result = run();
        var seconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            result = run();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        return (median, result);
    }
}
