using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Tests.Vision;

public class DecodeBudgetTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public async Task ConcurrentLargeDecodesNeverHoldMoreThanTheBudget()
    {
        var budget = new DecodeBudget(100 * MiB);
        long maxSeen = 0;
        var gate = new object();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var reservation = budget.Reserve(60 * MiB);
            lock (gate) maxSeen = Math.Max(maxSeen, budget.InUse);
            await Task.Delay(20);
        })));

        Assert.Equal(60 * MiB, maxSeen);
        Assert.Equal(0, budget.InUse);
    }

    [Fact]
    public void ADecodeLargerThanTheBudgetRunsAloneAndSmallOnesAreNotTracked()
    {
        var budget = new DecodeBudget(100 * MiB);

        using (budget.Reserve(250 * MiB)) Assert.Equal(250 * MiB, budget.InUse);
        using (budget.Reserve(DecodeBudget.UntrackedBytes - 1)) Assert.Equal(0, budget.InUse);
        Assert.Equal(0, budget.InUse);
    }
}
