using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Sources;

/// <summary>
/// Spark's image column: <c>struct&lt;origin:string, height:int, width:int, nChannels:int, mode:int, data:binary&gt;</c>
/// with BGR / BGRA bytes and OpenCV mode ordinals, and conversions to and from <see cref="ImageData"/>.
/// </summary>
public static class ImageSchema
{
    /// <summary>The struct type of an image value.</summary>
    public static readonly StructType ColumnSchema = new(
        new StructField("origin", DataTypes.String, true),
        new StructField("height", DataTypes.Integer, false),
        new StructField("width", DataTypes.Integer, false),
        new StructField("nChannels", DataTypes.Integer, false),
        new StructField("mode", DataTypes.Integer, false),
        new StructField("data", DataTypes.Binary, false));

    /// <summary>The schema of <c>ReadImages</c> without labels: one <c>image</c> column.</summary>
    public static readonly StructType ImageFields = new(new StructField("image", ColumnSchema, true));

    /// <summary>True when <paramref name="type"/> is the image struct.</summary>
    public static bool IsImageType(DataType type) => type is StructType s && s.Equals(ColumnSchema);

    /// <summary>An image value (a <see cref="Row"/> of <see cref="ColumnSchema"/>).</summary>
    public static Row ToRow(ImageData image, string origin) =>
        new(ColumnSchema, origin, image.Height, image.Width, image.Channels, (int)image.Mode, image.Pixels);

    /// <summary>The pixels of an image value; fails naming the origin when the struct is inconsistent.</summary>
    public static ImageData ToImage(Row image) =>
        ToImage(image["origin"] as string, image.Get<int>("height"), image.Get<int>("width"), image.Get<int>("nChannels"), image["data"] as byte[]);

    /// <summary>The pixels of an image given by its struct fields; fails naming the origin when they are inconsistent.</summary>
    public static ImageData ToImage(string? origin, int h, int w, int c, byte[]? data)
    {
        origin ??= "<unknown origin>";
        if (data is null) throw new DataFormatException($"Image {origin} has no data.");
        if (h <= 0 || w <= 0 || c is not (1 or 3 or 4) || data.LongLength != (long)h * w * c)
            throw new DataFormatException($"Image {origin} is inconsistent: {w}x{h}x{c} but {data.Length} bytes of data.");
        return new ImageData(h, w, c, data);
    }

    /// <summary>The origin (source path) of an image value.</summary>
    public static string Origin(Row image) => image["origin"] as string ?? "<unknown origin>";
}
