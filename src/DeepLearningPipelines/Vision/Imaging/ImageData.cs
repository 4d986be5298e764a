using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// An 8-bit image: <see cref="Height"/> rows of <see cref="Width"/> pixels, row-major, channels interleaved,
/// in BGR / BGRA order for 3 / 4 channels (Spark's image schema and OpenCV convention). Rows are not padded.
/// </summary>
public sealed class ImageData
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied); its length must be height × width × channels.</summary>
    public ImageData(int height, int width, int channels, byte[] pixels)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be positive, got {width}x{height}.");
        if (channels is not (1 or 3 or 4))
            throw new ArgumentOutOfRangeException(nameof(channels), $"Channels must be 1, 3 or 4, got {channels}.");
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)height * width * channels)
            throw new ArgumentException(
                $"Pixel buffer has {pixels.LongLength} bytes, expected {(long)height * width * channels} for {width}x{height}x{channels}.",
                nameof(pixels));
        Height = height;
        Width = width;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Allocates a zero-filled image.</summary>
    public ImageData(int height, int width, int channels)
        : this(height, width, channels, new byte[checked(height * width * channels)])
    {
    }

    /// <summary>Number of rows.</summary>
    public int Height { get; }

    /// <summary>Number of pixels per row.</summary>
    public int Width { get; }

    /// <summary>1 (gray), 3 (BGR) or 4 (BGRA).</summary>
    public int Channels { get; }

    /// <summary>The interleaved pixel bytes, row after row.</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row (<see cref="Width"/> × <see cref="Channels"/>).</summary>
    public int RowBytes => Width * Channels;

    /// <summary>The OpenCV mode ordinal matching <see cref="Channels"/>.</summary>
    public OpenCvMode Mode => ModeFor(Channels);

    /// <summary>The bytes of row <paramref name="y"/>.</summary>
    public Span<byte> Row(int y) => Pixels.AsSpan(y * RowBytes, RowBytes);

    /// <summary>The OpenCV mode for a channel count of 1, 3 or 4.</summary>
    public static OpenCvMode ModeFor(int channels) => channels switch
    {
        1 => OpenCvMode.CV_8UC1,
        3 => OpenCvMode.CV_8UC3,
        4 => OpenCvMode.CV_8UC4,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), $"No 8-bit OpenCV mode for {channels} channels."),
    };

    /// <summary>The channel count of an OpenCV mode ordinal as stored in Spark's image schema.</summary>
    /// <exception cref="DataFormatException">The ordinal is not CV_8UC1, CV_8UC3 or CV_8UC4.</exception>
    public static int ChannelsOf(int mode) => mode switch
    {
        (int)OpenCvMode.CV_8UC1 => 1,
        (int)OpenCvMode.CV_8UC3 => 3,
        (int)OpenCvMode.CV_8UC4 => 4,
        _ => throw new DataFormatException($"Unsupported OpenCV image mode {mode}; expected 0 (CV_8UC1), 16 (CV_8UC3) or 24 (CV_8UC4)."),
    };

    /// <summary>This image with 3 channels: gray is replicated, alpha is dropped; returns itself when already 3.</summary>
    public ImageData ToBgr()
    {
        if (Channels == 3) return this;
        var pixelCount = Height * Width;
        var dst = new byte[pixelCount * 3];
        var src = Pixels;
        if (Channels == 1)
        {
            for (int i = 0, o = 0; i < pixelCount; i++, o += 3)
            {
                var g = src[i];
                dst[o] = g;
                dst[o + 1] = g;
                dst[o + 2] = g;
            }
        }
        else
        {
            for (int i = 0, s = 0, o = 0; i < pixelCount; i++, s += 4, o += 3)
            {
                dst[o] = src[s];
                dst[o + 1] = src[s + 1];
                dst[o + 2] = src[s + 2];
            }
        }
        return new ImageData(Height, Width, 3, dst);
    }
}
