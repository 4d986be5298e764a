namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Writes resampled BGR rows into a float tensor slice of 3 × height × width values: each value is rounded to its
/// 8-bit pixel (as <see cref="ByteRowSink"/> does) and mapped through the preprocessing table.
/// </summary>
internal ref struct TensorRowSink : IResampledRowSink
{
    private readonly Span<float> _destination;
    private readonly float[] _table;
    private readonly int _width;
    private readonly int _plane;
    private readonly bool _planar;
    private readonly bool _rgb;

    public TensorRowSink(Span<float> destination, int height, int width, TensorFormat format)
    {
        _destination = destination;
        _table = new PreprocessingTable(format.Preprocessing).Values;
        _width = width;
        _plane = height * width;
        _planar = format.Layout == TensorLayout.Nchw;
        _rgb = format.Order == ChannelOrder.Rgb;
    }

    public void WriteRow(int y, ReadOnlySpan<double> values)
    {
        for (var x = 0; x < _width; x++)
        {
            for (var bgr = 0; bgr < 3; bgr++)
            {
                var value = _table[bgr * 256 + PixelRounding.ToByte(values[x * 3 + bgr])];
                var channel = _rgb ? 2 - bgr : bgr;
                var position = _planar ? channel * _plane + y * _width + x : (y * _width + x) * 3 + channel;
                _destination[position] = value;
            }
        }
    }
}
