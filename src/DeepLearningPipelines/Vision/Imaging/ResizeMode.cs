namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>How the source is fitted to the output size.</summary>
public enum ResizeMode
{
    /// <summary>The whole image is scaled to exactly the output size; the aspect ratio is not kept (sparkdl's behaviour).</summary>
    Squash,

    /// <summary>Scaled, keeping the aspect ratio, until it covers the output size, then the centre is cropped.</summary>
    CenterCrop,
}
