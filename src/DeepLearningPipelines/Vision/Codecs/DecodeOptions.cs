namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>How <see cref="ImageDecoder"/> decodes: output channels, safety limits and size hints.</summary>
public sealed record DecodeOptions
{
    /// <summary>The defaults: keep source channels, 100 megapixel limit, apply EXIF orientation, no size hint.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>Images whose declared width × height exceeds this are refused before any pixel buffer is allocated.</summary>
    public long MaxPixels { get; init; } = 100_000_000;

    /// <summary>When true the result always has 3 channels (BGR): gray is replicated and alpha dropped.</summary>
    public bool ForceBgr { get; init; }

    /// <summary>Rotate / mirror JPEGs as their EXIF orientation tag says, so the result is upright.</summary>
    public bool ApplyExifOrientation { get; init; } = true;

    /// <summary>
    /// Width the caller will shrink the image to (0 = unknown). With <see cref="TargetHeight"/> it lets the JPEG decoder
    /// use DCT scaling (1/2, 1/4, 1/8) while the decoded image stays at least this large in both dimensions.
    /// </summary>
    public int TargetWidth { get; init; }

    /// <summary>Height the caller will shrink the image to (0 = unknown); see <see cref="TargetWidth"/>.</summary>
    public int TargetHeight { get; init; }

    /// <summary>Check PNG chunk CRCs and refuse a file whose CRC does not match.</summary>
    public bool VerifyPngCrc { get; init; } = true;

    /// <summary>
    /// Accept JPEGs that libjpeg-turbo decodes with a warning (truncated scan data, extraneous bytes); by default a
    /// warning is an error so truncated files are not silently padded with gray.
    /// </summary>
    public bool AcceptJpegWarnings { get; init; }
}
