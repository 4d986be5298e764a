using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Tests.Fuzz;

/// <summary>PNG inputs found by fuzzing; each must fail with the library's own error, not a runtime exception.</summary>
public sealed class PngFuzzRegressionTests
{
    private static readonly DecodeOptions NoCrc = new() { VerifyPngCrc = false };

    [Fact]
    public void Size_whose_pixel_count_overflows_a_long_is_refused_as_too_large()
    {
        // IHDR declares 4026466432 x 4278190091: width × height wraps past long.MaxValue to a negative number.
        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(FuzzFixtures.Bytes("png-size-overflow.png"), "overflow.png", NoCrc));
        Assert.Contains("4026466432x4278190091", error.Message);
        Assert.Contains("exceeds the limit", error.Message);
    }

    [Fact]
    public void Corrupt_deflate_stream_that_zlib_rejects_with_an_error_code_is_a_format_error()
    {
        var error = Assert.Throws<DataFormatException>(() => ImageDecoder.Decode(FuzzFixtures.Bytes("png-zlib-error.png"), "zlib.png", NoCrc));
        Assert.Contains("not a valid zlib stream", error.Message);
    }
}
