namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>OpenCV type ordinals Spark's image schema stores in its <c>mode</c> field (8-bit unsigned only).</summary>
public enum OpenCvMode
{
    /// <summary>One 8-bit channel (grayscale).</summary>
    CV_8UC1 = 0,

    /// <summary>Three 8-bit channels in BGR order.</summary>
    CV_8UC3 = 16,

    /// <summary>Four 8-bit channels in BGRA order.</summary>
    CV_8UC4 = 24,
}
