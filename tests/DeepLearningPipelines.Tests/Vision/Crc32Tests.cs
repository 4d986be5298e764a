using System.Text;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>The CRC-32 that PNG chunks carry.</summary>
public sealed class Crc32Tests
{
    [Fact]
    public void Crc_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }
}
