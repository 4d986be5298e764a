using Apache.Arrow.Types;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Tests.Frames;

public class ParquetHivePartitioningTests
{
    [Theory]
    [InlineData("plain value", "plain value")]
    [InlineData("a/b:c", "a%2Fb%3Ac")]
    [InlineData("50% {x}=[y]^", "50%25 %7Bx}%3D%5By%5D%5E")]
    [InlineData("tab\tq\"#'*?\\", "tab%09q%22%23%27%2A%3F%5C")]
    public void EscapesAsSparkAndUnescapesBack(string value, string escaped)
    {
        Assert.Equal(escaped, HivePartitioning.Escape(value));
        Assert.Equal(value, HivePartitioning.Unescape(escaped));
    }

    [Fact]
    public void UnescapeKeepsAPercentThatIsNotAnEscape() =>
        Assert.Equal("100%", HivePartitioning.Unescape("100%"));

    [Theory]
    [InlineData(typeof(Int32Type), "1", "-7", null)]
    [InlineData(typeof(Int64Type), "1", "3000000000", null)]
    [InlineData(typeof(DoubleType), "1", "2.5", "1e3")]
    [InlineData(typeof(Date32Type), "2024-02-29", "1999-12-31", null)]
    [InlineData(typeof(StringType), "1", "abc", null)]
    [InlineData(typeof(StringType), null, null, null)]
    public void InfersPartitionTypesAsSpark(Type expected, string? a, string? b, string? c) =>
        Assert.IsType(expected, HivePartitioning.InferType([a, b, c]));
}
