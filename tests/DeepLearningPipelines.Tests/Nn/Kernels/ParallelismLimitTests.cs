using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

/// <summary>A run's thread limit (the managed engine's <c>ThreadsPerRun</c>) bounds the kernels called on its thread only.</summary>
public class ParallelismLimitTests
{
    [Fact]
    public void KernelsInsideALimitOfOneRunOnTheCallingThread()
    {
        int before = Parallelism.MaxThreads;
        var threads = new HashSet<int>();
        int inside = Parallelism.WithLimit(1, () =>
        {
            Parallelism.For(1000, (_, _) => { lock (threads) threads.Add(Environment.CurrentManagedThreadId); });
            return Parallelism.MaxThreads;
        });
        Assert.Equal(1, inside);
        Assert.Equal([Environment.CurrentManagedThreadId], threads);
        Assert.Equal(before, Parallelism.MaxThreads);
    }

    [Fact]
    public void ALimitDoesNotReachOtherThreads()
    {
        int other = Parallelism.WithLimit(1, () =>
        {
            int seen = 0;
            var thread = new Thread(() => seen = Parallelism.MaxThreads);
            thread.Start();
            thread.Join();
            return seen;
        });
        Assert.Equal(Parallelism.MaxThreads, other);
    }
}
