using System.IO.Compression;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Datasets;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Tests.Vision.Datasets;

/// <summary>The IDX reader on well-formed, truncated and corrupt files, and Fashion-MNIST read through it.</summary>
public class IdxFileTests
{
    private static byte[] Idx(byte type, int[] shape, byte[] data) =>
        [0, 0, type, (byte)shape.Length, .. shape.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d }), .. data];

    private static string Write(byte[] bytes, bool gzip = false)
    {
        string path = Path.Combine(TestPaths.NewTempDir(), gzip ? "data-idx3-ubyte.gz" : "data-idx3-ubyte");
        if (!gzip) File.WriteAllBytes(path, bytes);
        else
        {
            using var file = File.Create(path);
            using var zip = new GZipStream(file, CompressionLevel.Fastest);
            zip.Write(bytes);
        }
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsShapeAndBytesPlainOrGzipped(bool gzip)
    {
        byte[] data = Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)(i * 7)).ToArray();
        var array = IdxFile.Read(Write(Idx(0x08, [2, 3, 4], data), gzip));
        Assert.Equal([2, 3, 4], array.Shape);
        Assert.Equal(data, array.Data);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 }, "shorter than its 4-byte header")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2 }, "ends inside its header: 3 dimension sizes need 12 bytes")]
    [InlineData(new byte[] { 0x50, 0x4b, 8, 1, 0, 0, 0, 1, 5 }, "does not start with two zero bytes (found 0x50 0x4B)")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0 }, "type 0x0D (32-bit float)")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2, 1, 2, 3 }, "truncated: its header says 3×2 = 6 bytes of data, but only 3 follow")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3 }, "data after the 2 bytes its header 2 declares")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff }, "negative size -1")]
    public void MalformedFilesFailNamingTheFileAndTheFault(byte[] bytes, string message)
    {
        string path = Write(bytes);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void CorruptAndTruncatedGzipFail()
    {
        byte[] zipped = File.ReadAllBytes(Write(Idx(0x08, [64], Enumerable.Range(0, 64).Select(i => (byte)i).ToArray()), gzip: true));
        string truncated = Write(zipped[..(zipped.Length / 2)]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => IdxFile.Read(truncated)).Message);
        zipped[12] ^= 0xff;
        zipped[13] ^= 0xff;
        string corrupt = Write(zipped);
        Assert.Contains(corrupt, Assert.Throws<DataFormatException>(() => IdxFile.Read(corrupt)).Message);
    }

    [FashionMnistFact]
    public void FashionMnistHasItsDocumentedSizesAndAllClasses()
    {
        var test = FashionMnist.Load(train: false);
        Assert.Equal((10_000, 28, 28), (test.Count, test.Height, test.Width));
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(1000, test.Labels.Count(l => l == c)));
        Assert.Equal("Ankle boot", test.ClassNames[test.Labels[0]]); // the first test image of Fashion-MNIST
        var scaled = new float[2 * 784];
        test.CopyScaled([0, 1], scaled);
        Assert.Equal(test.Pixels[400] / 255f, scaled[400]);
        Assert.InRange(scaled.Max(), 0.99f, 1f);

        var session = DlpSession.Builder().Master("local[2]").GetOrCreate();
        var images = test.Take(20).ToImageFrame(session).Collect();
        Assert.Equal(20, images.Length);
        var first = ImageSchema.ToImage((Row)images[0]["image"]!);
        Assert.Equal((28, 28, 1), (first.Height, first.Width, first.Channels));
        Assert.Equal(test.Pixels[..784], first.Pixels);
        var vectors = test.Take(3).ToTensorFrame(session).Collect();
        Assert.Equal(784, ((Vector)vectors[2]["features"]!).Size);
        Assert.Equal((int)test.Labels[2], (int)vectors[2]["label"]!);
    }

    [Fact]
    public void MissingFolderSaysHowToInstall()
    {
        var e = Assert.Throws<DataFormatException>(() => FashionMnist.Load(train: true, TestPaths.NewTempDir()));
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
    }
}
