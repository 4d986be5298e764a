using System.IO.Compression;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Writes the first images of each class of a Fashion-MNIST idx file pair as PNGs in ten folders <c>0</c> … <c>9</c>,
/// the layout of the digits program's labelled folders.
/// </summary>
internal static class FashionMnistFolders
{
    /// <summary>Fashion-MNIST's class names, by label.</summary>
    public static readonly string[] ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Writes <paramref name="perClass"/> images of each class from <paramref name="idxDir"/>'s test set into <paramref name="outDir"/>.</summary>
    public static void Write(string idxDir, string outDir, int perClass)
    {
        var images = ReadIdx(Path.Combine(idxDir, "t10k-images-idx3-ubyte.gz"), 2051);
        var labels = ReadIdx(Path.Combine(idxDir, "t10k-labels-idx1-ubyte.gz"), 2049);
        const int side = 28;
        var written = new int[10];
        for (int i = 0; i < labels.Length && written.Min() < perClass; i++)
        {
            int label = labels[i];
            if (written[label] == perClass) continue;
            var dir = Directory.CreateDirectory(Path.Combine(outDir, label.ToString())).FullName;
            var pixels = images.AsSpan(i * side * side, side * side).ToArray();
            File.WriteAllBytes(Path.Combine(dir, $"{i:D5}.png"), PngEncoder.Encode(new ImageData(side, side, 1, pixels)));
            written[label]++;
        }
    }

    /// <summary>The payload of a gzipped idx file (after its magic number and dimensions).</summary>
    private static byte[] ReadIdx(string path, int magic)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Fashion-MNIST file {path} not found: install Debian's dataset-fashion-mnist or pass the folder holding its t10k-*.gz files.", path);
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.ToArray();
        int dims = magic & 0xFF;
        if (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes) != magic)
            throw new InvalidDataException($"{path} is not an idx file with magic number {magic}.");
        return bytes[(4 + 4 * dims)..];
    }
}
