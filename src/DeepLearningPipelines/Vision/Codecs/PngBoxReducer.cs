using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// Shrinks a PNG by an integer factor f while its rows are decoded: each output pixel is the rounded mean of the
/// f × f block of 8-bit pixels it covers (fewer at the right and bottom edges), as an area resize of the full decode
/// would give. Non-interlaced images need one row of sums; Adam7 images, whose rows arrive out of order, need sums
/// for the whole reduced image.
/// </summary>
internal sealed class PngBoxReducer : IPngRowTarget
{
    /// <summary>Largest factor whose f² × 255 sums fit in 32 bits.</summary>
    private const int MaxFactor = 4096;

    private readonly int _width, _height, _channels, _factor, _outWidth, _outHeight;
    private readonly bool _wholeImage;
    private readonly uint[] _sums;
    private readonly byte[] _row;
    private readonly ImageData _output;
    private int _bandRow;

    public PngBoxReducer(int width, int height, int channels, int factor, bool interlaced)
    {
        (_width, _height, _channels, _factor, _wholeImage) = (width, height, channels, factor, interlaced);
        _outWidth = (width + factor - 1) / factor;
        _outHeight = (height + factor - 1) / factor;
        _sums = new uint[(long)_outWidth * channels * (interlaced ? _outHeight : 1)];
        _row = new byte[width * channels];
        _output = new ImageData(_outHeight, _outWidth, channels);
    }

    /// <summary>
    /// The largest integer factor that keeps the image at least the target size on both axes (up to 4096), or 1 when
    /// the options have no target or the image is not at least twice the target.
    /// </summary>
    public static int Factor(int width, int height, DecodeOptions options)
    {
        if (options.TargetWidth <= 0 || options.TargetHeight <= 0) return 1;
        return Math.Clamp(Math.Min(width / options.TargetWidth, height / options.TargetHeight), 1, MaxFactor);
    }

    public long WorkingBytes => _sums.LongLength * sizeof(uint) + _row.Length + (long)_outWidth * _outHeight * _channels;

    public void Write(PngPixelWriter writer, ReadOnlySpan<byte> scanline, PngPass pass, int row)
    {
        writer.WriteRow(scanline, pass.Width, _row);
        var outRow = (pass.Y0 + row * pass.DY) / _factor;
        if (!_wholeImage && outRow != _bandRow)
        {
            Flush(_bandRow, _sums);
            Array.Clear(_sums);
            _bandRow = outRow;
        }
        var sums = _wholeImage ? _sums.AsSpan(outRow * _outWidth * _channels, _outWidth * _channels) : _sums;
        if (pass.DX == 1) AddFullRow(sums);
        else AddPassRow(sums, pass);
    }

    public ImageData Finish()
    {
        if (!_wholeImage) Flush(_bandRow, _sums);
        else
            for (var y = 0; y < _outHeight; y++)
                Flush(y, _sums.AsSpan(y * _outWidth * _channels, _outWidth * _channels));
        return _output;
    }

    private void AddFullRow(Span<uint> sums)
    {
        var c = _channels;
        for (int ox = 0, x = 0; ox < _outWidth; ox++)
        {
            var cell = sums.Slice(ox * c, c);
            var end = Math.Min(_width, x + _factor) * c;
            for (var i = x * c; i < end; i += c)
                for (var k = 0; k < c; k++)
                    cell[k] += _row[i + k];
            x += _factor;
        }
    }

    private void AddPassRow(Span<uint> sums, PngPass pass)
    {
        for (var i = 0; i < pass.Width; i++)
        {
            var o = (pass.X0 + i * pass.DX) / _factor * _channels;
            for (var k = 0; k < _channels; k++)
                sums[o + k] += _row[i * _channels + k];
        }
    }

    private void Flush(int outRow, ReadOnlySpan<uint> sums)
    {
        var target = _output.Row(outRow);
        var cellHeight = Math.Min(_factor, _height - outRow * _factor);
        for (var ox = 0; ox < _outWidth; ox++)
        {
            var count = (uint)(Math.Min(_factor, _width - ox * _factor) * cellHeight);
            for (var k = 0; k < _channels; k++)
            {
                var i = ox * _channels + k;
                target[i] = (byte)((sums[i] + count / 2) / count);
            }
        }
    }
}
