using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>One <see cref="ImageModel"/> used by several threads at once (as partitions do) gives the serial results.</summary>
public class ImageModelConcurrencyTests
{
    [Theory]
    [InlineData(Engine.OnnxRuntime)]
    [InlineData(Engine.Managed)]
    public async Task ConcurrentBatchesEqualSerialBatches(Engine engine)
    {
        var model = ImageModels.Get(SharedModels.SqueezeNet, withTop: true, engine: engine,
            fileOptions: new ImageModelFileOptions { Bgr = true, FeatureLayer = "fire9/concat_1" });
        var images = new[] { "chelsea", "coffee", "rocket" }.Select(n => ImageDecoder.Decode(File.ReadAllBytes(SharedModels.Image(n + ".png")), n)).ToArray();
        var resize = new ResizeOptions(224, 224, ResizeMode.Squash, Interpolation.Bilinear);
        var batches = Enumerable.Range(0, 6).Select(i => images.Skip(i % 3).Concat(images.Take(i % 3)).Take(1 + i % 3).ToArray()).ToArray();

        var serial = batches.Select(b => model.Features(b, resize, flatten: false)).ToArray();
        using var start = new Barrier(batches.Length);
        var concurrent = await Task.WhenAll(batches.Select(b => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return model.Features(b, resize, flatten: false);
        }, TaskCreationOptions.LongRunning)));

        Assert.Equal(Engines.NameOf(engine), model.EngineName);
        for (int i = 0; i < batches.Length; i++) Assert.Equal(serial[i], concurrent[i]);
    }
}
