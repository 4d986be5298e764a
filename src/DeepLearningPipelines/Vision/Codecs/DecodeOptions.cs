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
    /// Width the caller will shrink the image to (0 = off, the default: decode at full size as Spark does). With
    /// <see cref="TargetHeight"/> it means "decode no smaller than TargetWidth × TargetHeight": JPEGs use DCT scaling
    /// (1/2, 1/4, 1/8) and PNGs are box-averaged by an integer factor while their rows are decoded, in both cases the
    /// greatest reduction that keeps the decoded image at least this large in both dimensions. This bounds the memory a
    /// large image needs (a 10000×10000 16-bit RGBA PNG read for a 299×299 model holds about 0.5 MB instead of 400 MB);
    /// the pixels then differ slightly from resizing the full-size decode.
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
