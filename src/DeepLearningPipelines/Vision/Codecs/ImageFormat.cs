namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Container formats recognised by their leading magic bytes.</summary>
public enum ImageFormat
{
    /// <summary>Not a recognised image format.</summary>
    Unknown,

    /// <summary>JPEG / JFIF / EXIF (starts FF D8 FF).</summary>
    Jpeg,

    /// <summary>PNG (starts 89 'PNG' CR LF 1A LF).</summary>
    Png,

    /// <summary>Windows bitmap (starts 'BM').</summary>
    Bmp,
}
