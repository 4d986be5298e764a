using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public class ParallelismTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(37)]
    [InlineData(1000)]
    public void ChunksCoverEveryIndexExactlyOnce(int count)
    {
        var visits = new int[count];
        Parallelism.For(count, (first, last) =>
        {
            Assert.True(first < last, $"empty chunk [{first},{last})");
            for (int i = first; i < last; i++) Interlocked.Increment(ref visits[i]);
        });
        Assert.All(visits, v => Assert.Equal(1, v));
    }
}
