using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>Where <see cref="PngDecoder"/> puts each unfiltered scanline: a full-size frame or a reducing accumulator.</summary>
internal interface IPngRowTarget
{
    /// <summary>Bytes this target allocates (its output and accumulators).</summary>
    long WorkingBytes { get; }

    /// <summary>Takes row <paramref name="row"/> of <paramref name="pass"/>, converting it with <paramref name="writer"/>.</summary>
    void Write(PngPixelWriter writer, ReadOnlySpan<byte> scanline, PngPass pass, int row);

    /// <summary>The decoded image, once every row has been written.</summary>
    ImageData Finish();
}

/// <summary>The whole image at full size: rows are converted straight into place (or scattered, for Adam7 passes).</summary>
internal sealed class PngFullFrame(int width, int height, int channels) : IPngRowTarget
{
    private readonly ImageData _image = new(height, width, channels);
    private byte[]? _passRow;

    public long WorkingBytes => (long)width * height * channels;

    public void Write(PngPixelWriter writer, ReadOnlySpan<byte> scanline, PngPass pass, int row)
    {
        var target = _image.Row(pass.Y0 + row * pass.DY);
        if (pass.DX == 1)
        {
            writer.WriteRow(scanline, pass.Width, target);
            return;
        }
        _passRow ??= new byte[width * channels];
        writer.WriteRow(scanline, pass.Width, _passRow);
        for (var i = 0; i < pass.Width; i++)
            _passRow.AsSpan(i * channels, channels).CopyTo(target[((pass.X0 + i * pass.DX) * channels)..]);
    }

    public ImageData Finish() => _image;
}
