using DeepLearningPipelines.Core;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>Image cells (a path or URI read by a loader, or Spark's image struct) as the pixels a classifier network takes: channels-last RGB 0–255.</summary>
internal static class ImageInputs
{
    private static readonly TensorFormat Format = new(TensorLayout.Nhwc, ChannelOrder.Rgb);

    /// <summary>Requires column <paramref name="name"/> to hold image paths/URIs (strings) or image structs.</summary>
    public static void Check(StructType schema, string name)
    {
        var type = schema[name].DataType;
        if (type != DataTypes.String && !ImageSchema.IsImageType(type))
            throw new SchemaException($"Input column '{name}' is {type.SimpleString}; use image paths or URIs (string) or Spark's image struct.");
    }

    /// <summary>Turns a cell into <paramref name="size"/>×<paramref name="size"/>×3 floats, squashing the image to size with bilinear resampling (as <c>dlp train</c>).</summary>
    public static Func<object, float[]> Reader(int size, Func<string, ImageData>? loader)
    {
        var resize = new ResizeOptions(size, size, ResizeMode.Squash, Interpolation.Bilinear);
        return value =>
        {
            var image = value switch
            {
                string uri => (loader ?? ImageFileTransformer.DefaultLoader)(uri),
                Row row => ImageSchema.ToImage(row),
                _ => throw new DataFormatException($"Image value {value} is neither a path nor an image struct."),
            };
            var pixels = new float[size * size * 3];
            ImageResizer.ResizeToTensor(image, resize, Format, pixels);
            return pixels;
        };
    }
}
