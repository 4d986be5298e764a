using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Vision.Datasets;

/// <summary>
/// Same-sized gray images with integer class labels held as two byte arrays (the array path for training): pixels
/// image after image, row-major, one byte per pixel; one label byte per image. Also readable as a DataFrame.
/// </summary>
public sealed class LabeledImages
{
    /// <summary>Wraps <paramref name="pixels"/> (count·height·width bytes) and <paramref name="labels"/> (count bytes), not copied.</summary>
    public LabeledImages(string name, int height, int width, byte[] pixels, byte[] labels, IReadOnlyList<string> classNames)
    {
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be positive, got {width}x{height}.");
        if (pixels.LongLength != (long)labels.Length * height * width)
            throw new DataFormatException($"{name}: {labels.Length:N0} labels need {(long)labels.Length * height * width:N0} pixel bytes of {width}x{height} images, got {pixels.LongLength:N0}.");
        int bad = Array.FindIndex(labels, l => l >= classNames.Count);
        if (bad >= 0) throw new DataFormatException($"{name}: label {labels[bad]} of image {bad} is not a class index below {classNames.Count}.");
        Name = name;
        Height = height;
        Width = width;
        Pixels = pixels;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <summary>Where the images come from, e.g. <c>fashion-mnist/train</c>; image origins start with it.</summary>
    public string Name { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Pixel bytes, image after image.</summary>
    public byte[] Pixels { get; }

    /// <summary>Class index of each image.</summary>
    public byte[] Labels { get; }

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Pixels of one image.</summary>
    public int ImageSize => Height * Width;

    /// <summary>The first <paramref name="count"/> images (or all when there are fewer), sharing nothing with this set.</summary>
    public LabeledImages Take(int count)
    {
        count = Math.Clamp(count, 0, Count);
        return new LabeledImages(Name, Height, Width, Pixels.AsSpan(0, count * ImageSize).ToArray(), Labels.AsSpan(0, count).ToArray(), ClassNames);
    }

    /// <summary>Writes the images at <paramref name="indices"/> as floats in [0, 1], channels-last [n, height, width, 1], into <paramref name="destination"/>.</summary>
    public void CopyScaled(ReadOnlySpan<int> indices, Span<float> destination)
    {
        int size = ImageSize;
        if (destination.Length < indices.Length * size)
            throw new ArgumentException($"Destination holds {destination.Length} values; {indices.Length} images need {indices.Length * size}.", nameof(destination));
        for (int i = 0; i < indices.Length; i++)
        {
            var source = Pixels.AsSpan(indices[i] * size, size);
            var target = destination.Slice(i * size, size);
            for (int p = 0; p < size; p++) target[p] = source[p] * (1f / 255f);
        }
    }

    /// <summary>Image <paramref name="index"/> as a one-channel image.</summary>
    public ImageData Image(int index) => new(Height, Width, 1, Pixels.AsSpan(index * ImageSize, ImageSize).ToArray());

    /// <summary>
    /// A DataFrame with Spark's <c>image</c> struct column (one channel, origin <c>Name/index</c>) and an integer
    /// <c>label</c>, over <paramref name="numPartitions"/> partitions (default: the session's parallelism).
    /// </summary>
    public DataFrame ToImageFrame(DlpSession session, int? numPartitions = null) => session.CreateDataFrame(
        Enumerable.Range(0, Count).Select(i => new object?[] { ImageSchema.ToRow(Image(i), $"{Name}/{i}"), (int)Labels[i] }),
        new StructType(new StructField("image", ImageSchema.ColumnSchema, true), new StructField("label", DataTypes.Integer, false)), numPartitions);

    /// <summary>A DataFrame with a <c>features</c> vector (pixels scaled to [0, 1], row-major) and an integer <c>label</c>.</summary>
    public DataFrame ToTensorFrame(DlpSession session, int? numPartitions = null) => session.CreateDataFrame(
        Enumerable.Range(0, Count).Select(i => new object?[]
        {
            new DenseVector(Array.ConvertAll(Pixels.AsSpan(i * ImageSize, ImageSize).ToArray(), b => b / 255.0)), (int)Labels[i],
        }),
        new StructType(new StructField("features", DataTypes.Vector, false), new StructField("label", DataTypes.Integer, false)), numPartitions);
}
