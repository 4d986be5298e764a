using DeepLearningPipelines.Nn.Zoo;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Vision;

public class TensorOutputTests
{
    public static TheoryData<string, string, int, TensorFormat> ModelInputs() => new()
    {
        { "squeezenet1.1/reference_ort", "chelsea", 224, new TensorFormat(TensorLayout.Nchw, ChannelOrder.Bgr, ImagePreprocessing.None) },
        { "squeezenet1.1/reference_ort", "rocket", 224, new TensorFormat(TensorLayout.Nchw, ChannelOrder.Bgr, ImagePreprocessing.None) },
        { "mobilenet_v1_0.25/reference_tfjs", "coffee", 224, new TensorFormat(TensorLayout.Nhwc, ChannelOrder.Rgb, ImagePreprocessing.Tf) },
        { "inception_v3_backbone/reference_tfjs", "chelsea", 299, new TensorFormat(TensorLayout.Nhwc, ChannelOrder.Rgb, ImagePreprocessing.Tf) },
    };

    [Theory]
    [MemberData(nameof(ModelInputs))]
    public void ReproducesTheSharedModelInputTensorsExactly(string folder, string name, int size, TensorFormat format)
    {
        var png = TestFiles.Shared("models", "images", name + ".png");
        var source = ImageDecoder.Decode(File.ReadAllBytes(png), png);
        var expected = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(TestFiles.Shared(["models", .. folder.Split('/'), name + ".input.f32"]))).ToArray();

        var tensor = new float[3 * size * size];
        ImageResizer.ResizeToTensor(source, new ResizeOptions(size, size, ResizeMode.Squash, Interpolation.Bilinear), format, tensor);

        Assert.Equal(expected, tensor);
    }

    public static TheoryData<TensorLayout, ChannelOrder, ImagePreprocessing> Formats()
    {
        var data = new TheoryData<TensorLayout, ChannelOrder, ImagePreprocessing>();
        foreach (var layout in Enum.GetValues<TensorLayout>())
        foreach (var order in Enum.GetValues<ChannelOrder>())
        foreach (var preprocessing in Enum.GetValues<ImagePreprocessing>())
            data.Add(layout, order, preprocessing);
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void WritesTheResizedPixelsInTheRequestedLayoutOrderAndScale(TensorLayout layout, ChannelOrder order, ImagePreprocessing preprocessing)
    {
        var source = ImageResizerTests.RandomImage(new Random(11), 45, 31, 3);
        var options = new ResizeOptions(17, 13, ResizeMode.CenterCrop, Interpolation.Area);
        var pixels = ImageResizer.Resize(source, options);
        var batch = new float[2 * 3 * 17 * 13];

        ImageResizer.ResizeToTensor(source, options, new TensorFormat(layout, order, preprocessing), batch.AsSpan(3 * 17 * 13));

        Assert.All(batch.Take(3 * 17 * 13), v => Assert.Equal(0f, v));
        for (var y = 0; y < 13; y++)
        for (var x = 0; x < 17; x++)
        for (var c = 0; c < 3; c++)
        {
            var bgrIndex = order == ChannelOrder.Bgr ? c : 2 - c;
            var expected = Preprocess(pixels.Pixels[(y * 17 + x) * 3 + bgrIndex], bgrIndex, preprocessing);
            var position = layout == TensorLayout.Nchw ? c * 13 * 17 + y * 17 + x : (y * 17 + x) * 3 + c;
            Assert.Equal(expected, batch[3 * 17 * 13 + position]);
        }
    }

    [Fact]
    public void GrayAndAlphaSourcesBecomeThreeChannels()
    {
        var gray = ImageResizerTests.RandomImage(new Random(2), 20, 10, 1);
        var bgra = ImageResizerTests.RandomImage(new Random(2), 20, 10, 4);
        var options = new ResizeOptions(8, 8);
        var format = new TensorFormat(TensorLayout.Nhwc, ChannelOrder.Rgb, ImagePreprocessing.None);

        var fromGray = new float[3 * 64];
        var fromReplicated = new float[3 * 64];
        ImageResizer.ResizeToTensor(gray, options, format, fromGray);
        ImageResizer.ResizeToTensor(gray.ToBgr(), options, format, fromReplicated);
        var fromBgra = new float[3 * 64];
        var fromBgr = new float[3 * 64];
        ImageResizer.ResizeToTensor(bgra, options, format, fromBgra);
        ImageResizer.ResizeToTensor(bgra.ToBgr(), options, format, fromBgr);

        Assert.Equal(fromReplicated, fromGray);
        Assert.Equal(fromBgr, fromBgra);
    }

    [Fact]
    public void WrongSliceLengthIsRejected()
    {
        var source = ImageResizerTests.RandomImage(new Random(1), 10, 10, 3);

        var error = Assert.Throws<ArgumentException>(() =>
            ImageResizer.ResizeToTensor(source, new ResizeOptions(4, 4), new TensorFormat(), new float[3 * 16 + 1]));
        Assert.Contains("expected 48", error.Message);
    }

    /// <summary>Keras preprocess_input / torchvision arithmetic in float32, for BGR channel index b.</summary>
    private static float Preprocess(byte value, int b, ImagePreprocessing preprocessing)
    {
        float x = value;
        float[] caffeMeans = [103.939f, 116.779f, 123.68f], torchMeans = [0.406f, 0.456f, 0.485f], torchStds = [0.225f, 0.224f, 0.229f];
        return preprocessing switch
        {
            ImagePreprocessing.None => x,
            ImagePreprocessing.Caffe => x - caffeMeans[b],
            ImagePreprocessing.Tf => x / 127.5f - 1f,
            _ => (x / 255f - torchMeans[b]) / torchStds[b],
        };
    }
}
