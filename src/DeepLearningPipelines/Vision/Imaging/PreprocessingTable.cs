using DeepLearningPipelines.Nn.Zoo;
namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// The preprocessed float for every 8-bit value of each colour channel, computed in float32 with the same
/// operations as Keras' <c>preprocess_input</c> / torchvision, so a tensor costs one lookup per value.
/// </summary>
internal sealed class PreprocessingTable
{
    private static readonly float[] CaffeMeansBgr = [103.939f, 116.779f, 123.68f];
    private static readonly float[] TorchMeansBgr = [0.406f, 0.456f, 0.485f];
    private static readonly float[] TorchStdsBgr = [0.225f, 0.224f, 0.229f];

    /// <summary>Lookup for BGR channel b (0 = blue, 1 = green, 2 = red) at index b × 256 + value.</summary>
    public float[] Values { get; } = new float[3 * 256];

    public PreprocessingTable(ImagePreprocessing preprocessing)
    {
        for (var channel = 0; channel < 3; channel++)
        {
            for (var value = 0; value < 256; value++)
            {
                float x = value;
                Values[channel * 256 + value] = preprocessing switch
                {
                    ImagePreprocessing.None => x,
                    ImagePreprocessing.Caffe => x - CaffeMeansBgr[channel],
                    ImagePreprocessing.Tf => x / 127.5f - 1f,
                    ImagePreprocessing.Torch => (x / 255f - TorchMeansBgr[channel]) / TorchStdsBgr[channel],
                    _ => throw new ArgumentOutOfRangeException(nameof(preprocessing), preprocessing, "Unknown preprocessing."),
                };
            }
        }
    }
}
