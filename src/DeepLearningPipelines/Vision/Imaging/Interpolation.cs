namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>How resampled pixel values are computed from the source pixels.</summary>
public enum Interpolation
{
    /// <summary>
    /// Area averaging with OpenCV INTER_AREA semantics: when both axes shrink, each output pixel is the
    /// area-weighted mean of the source pixels it covers; otherwise OpenCV's area-aligned linear weights are used
    /// (integer enlargement replicates pixels). sparkdl's featurizer default.
    /// </summary>
    Area,

    /// <summary>
    /// Bilinear with half-pixel centres and no antialiasing, exactly <c>tf.image.resizeBilinear(halfPixelCenters=true)</c>
    /// computed in double precision.
    /// </summary>
    Bilinear,

    /// <summary>Nearest neighbour at half-pixel centres: source index ⌊(d + 0.5)·scale⌋.</summary>
    Nearest,
}
