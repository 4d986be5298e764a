using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Keras;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>keras.applications <c>preprocess_input</c> modes on channels-last RGB pixels.</summary>
public class ImagePreprocessorTests
{
    [Fact]
    public void CaffeSwapsToBgrAndSubtractsMeans()
    {
        float[] pixel = [10, 20, 30];
        ImagePreprocessor.Apply(ImagePreprocessing.Caffe, pixel);
        Assert.Equal([30 - 103.939f, 20 - 116.779f, 10 - 123.68f], pixel);
    }

    [Fact]
    public void TorchScalesAndStandardisesPerChannel()
    {
        float[] pixel = [255, 0, 127.5f];
        ImagePreprocessor.Apply(ImagePreprocessing.Torch, pixel);
        TestData.AssertClose([(1 - 0.485f) / 0.229f, -0.456f / 0.224f, (0.5f - 0.406f) / 0.225f], pixel, 1e-6f);
    }

    [Fact]
    public void TfModeReproducesTheSharedMobileNetInput()
    {
        // The fixture inputs are float32(float32(p / 127.5) − 1) of 8-bit pixels p; recover p and apply the mode.
        float[] expected = SharedModels.MobileNetReference("chelsea.input.f32");
        float[] pixels = expected.Select(x => MathF.Round((x + 1) * 127.5f)).ToArray();
        ImagePreprocessor.Apply(ImagePreprocessing.Tf, pixels);
        Assert.Equal(expected, pixels);
        Assert.Equal("tf", ImagePreprocessing.Tf.KerasName());
    }
}
