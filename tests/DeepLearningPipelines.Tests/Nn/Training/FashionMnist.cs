using System.IO.Compression;
using System.Buffers.Binary;
using DeepLearningPipelines.Nn;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>Reads the first images of Debian's <c>dataset-fashion-mnist</c> IDX files (pixels scaled to 0…1, NCHW).</summary>
internal static class FashionMnist
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    public static bool Available => File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte.gz"));

    public static (Tensor Images, float[] Labels) Read(string prefix, int count)
    {
        byte[] images = Decompress(Path.Combine(Folder, $"{prefix}-images-idx3-ubyte.gz"), 16 + count * 784);
        byte[] labels = Decompress(Path.Combine(Folder, $"{prefix}-labels-idx1-ubyte.gz"), 8 + count);
        Assert.Equal(2051, BinaryPrimitives.ReadInt32BigEndian(images));
        Assert.Equal(2049, BinaryPrimitives.ReadInt32BigEndian(labels));
        var pixels = new float[count * 784];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = images[16 + i] / 255f;
        return (new Tensor(pixels, count, 1, 28, 28), labels.Skip(8).Take(count).Select(b => (float)b).ToArray());
    }

    private static byte[] Decompress(string path, int bytes)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var buffer = new byte[bytes];
        stream.ReadExactly(buffer);
        return buffer;
    }
}

/// <summary>A fact that needs Debian's <c>dataset-fashion-mnist</c>; skipped, saying how to install it, when absent.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.Available) Skip = $"Fashion-MNIST is not in {FashionMnist.Folder}: apt-get install dataset-fashion-mnist.";
    }
}
