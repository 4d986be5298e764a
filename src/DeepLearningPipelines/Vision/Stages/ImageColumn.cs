using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>Reads an image column (Spark's image struct) from its Arrow children, without building <see cref="Row"/>s.</summary>
internal sealed class ImageColumn
{
    private readonly StructArray _images;
    private readonly StringArray _origins;
    private readonly Int32Array _heights, _widths, _channels;
    private readonly BinaryArray _data;

    public ImageColumn(IArrowArray array, string column)
    {
        var fields = ImageSchema.ColumnSchema;
        if (array is not StructArray s || s.Fields.Count != fields.Count)
            throw new SchemaException($"Column '{column}' is not an image column (it is stored as {array.GetType().Name}).");
        _images = s;
        _origins = (StringArray)s.Fields[fields.FieldIndex("origin")];
        _heights = (Int32Array)s.Fields[fields.FieldIndex("height")];
        _widths = (Int32Array)s.Fields[fields.FieldIndex("width")];
        _channels = (Int32Array)s.Fields[fields.FieldIndex("nChannels")];
        _data = (BinaryArray)s.Fields[fields.FieldIndex("data")];
    }

    public bool IsNull(int row) => _images.IsNull(row);

    /// <summary>The origin (source path) of the image at <paramref name="row"/>.</summary>
    public string Origin(int row) => _origins.GetString(row) ?? "<unknown origin>";

    /// <summary>The pixels of the image at <paramref name="row"/> (not null).</summary>
    public ImageData Image(int row) =>
        ImageSchema.ToImage(_origins.GetString(row), _heights.Values[row], _widths.Values[row], _channels.Values[row],
            _data.IsNull(row) ? null : _data.GetBytes(row).ToArray());
}
