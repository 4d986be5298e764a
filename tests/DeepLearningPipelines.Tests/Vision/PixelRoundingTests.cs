using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

public class PixelRoundingTests
{
    [Fact]
    public void RowConversionRoundsViaFloatHalfToEvenAndClamps()
    {
        // (value, expected byte): ties go to even; 13.49999999999 is 13.5 as a float, so it rounds to 14 like TensorFlow's output.
        (double Value, byte Expected)[] cases =
        [
            (0.5, 0), (1.5, 2), (2.5, 2), (254.5, 254), (253.5, 254), (13.49999999999, 14), (13.4999, 13),
            (-0.4, 0), (-7, 0), (255.4, 255), (300, 255), (127.50000001, 128), (0, 0), (255, 255),
        ];
        var values = new double[70];
        var expected = new byte[70];
        for (var i = 0; i < values.Length; i++)
            (values[i], expected[i]) = cases[i % cases.Length];

        var bytes = new byte[70];
        PixelRounding.ToBytes(values, bytes);

        Assert.Equal(expected, bytes);
        Assert.Equal(expected, values.Select(PixelRounding.ToByte).ToArray());
    }
}
