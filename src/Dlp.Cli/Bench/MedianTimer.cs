using System.Diagnostics;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>Wall-clock timing of two contenders run in turns, so that both meet the same machine (a busy neighbour, clock changes).</summary>
internal static class MedianTimer
{
    /// <summary>Pause after each timed run, long enough for idle worker threads (which spin a while before sleeping) to stop.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs each contender once to warm up, then <paramref name="repeats"/> rounds of one timed run of
    /// <paramref name="first"/> and one of <paramref name="second"/>; returns each one's median seconds and last result.
    /// </summary>
    public static ((double MedianSeconds, T Result) First, (double MedianSeconds, T Result) Second) MeasureInTurns<T>(Func<T> first, Func<T> second, int repeats)
    {
        T firstResult = first(), secondResult = second();
        var firstSeconds = new double[repeats];
        var secondSeconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            firstSeconds[i] = Time(first, ref firstResult);
            secondSeconds[i] = Time(second, ref secondResult);
        }
        return ((Median(firstSeconds), firstResult), (Median(secondSeconds), secondResult));
    }

    private static double Time<T>(Func<T> run, ref T result)
    {
        Thread.Sleep(Settle);
        long start = Stopwatch.GetTimestamp();
        result = run();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Median(double[] seconds)
    {
        Array.Sort(seconds);
        int n = seconds.Length;
        return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    }
}
