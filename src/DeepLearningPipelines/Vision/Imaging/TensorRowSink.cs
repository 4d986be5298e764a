namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Writes resampled BGR rows into a float tensor slice of 3 × height × width values: each value is rounded to its
/// 8-bit pixel (as <see cref="ByteRowSink"/> does) and mapped through the preprocessing table.
/// </summary>
internal ref struct TensorRowSink : IResampledRowSink
{
    private readonly Span<float> _destination;
    private readonly float[] _table;
    private readonly byte[] _pixels;
    private readonly int _width;
    private readonly int _plane;
    private readonly bool _planar;
    private readonly bool _rgb;

    public TensorRowSink(Span<float> destination, int height, int width, TensorFormat format)
    {
        _destination = destination;
        _table = new PreprocessingTable(format.Preprocessing).Values;
        _pixels = new byte[width * 3];
        _width = width;
        _plane = height * width;
        _planar = format.Layout == TensorLayout.Nchw;
        _rgb = format.Order == ChannelOrder.Rgb;
    }

    public void WriteRow(int y, ReadOnlySpan<double> values)
    {
        PixelRounding.ToBytes(values, _pixels);
        for (var channel = 0; channel < 3; channel++)
        {
            var bgr = _rgb ? 2 - channel : channel;
            var table = _table.AsSpan(bgr * 256, 256);
            if (_planar)
            {
                var plane = _destination.Slice(channel * _plane + y * _width, _width);
                for (var x = 0; x < plane.Length; x++)
                    plane[x] = table[_pixels[x * 3 + bgr]];
            }
            else
            {
                var row = _destination.Slice(y * _width * 3, _width * 3);
                for (var x = 0; x < _width; x++)
                    row[x * 3 + channel] = table[_pixels[x * 3 + bgr]];
            }
        }
    }
}
