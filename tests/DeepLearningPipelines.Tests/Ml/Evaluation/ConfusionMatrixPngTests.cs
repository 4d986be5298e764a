using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Reports;

namespace DeepLearningPipelines.Tests.Ml.Evaluation;

/// <summary>Decodes the PNG heat map by hand (chunks, CRCs, zlib, scanlines) and checks its pixels.</summary>
public sealed class ConfusionMatrixPngTests
{
    [Fact]
    public void Crc_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Png_has_valid_chunks_and_cells_shaded_by_count_with_white_separators()
    {
        const int cell = 10;
        var matrix = new ConfusionMatrix([0, 1, 2], new double[,] { { 8, 0, 2 }, { 1, 4, 0 }, { 0, 0, 6 } });
        var folder = Directory.CreateTempSubdirectory("dlp-metrics-");
        string path = Path.Combine(folder.FullName, "confusion.png");

        ConfusionMatrixPng.Save(path, matrix, cell);
        var (width, height, rgb) = Decode(File.ReadAllBytes(path));
        folder.Delete(recursive: true);

        Assert.Equal(30, width);
        Assert.Equal(30, height);
        Assert.Equal((0x08, 0x30, 0x6b), Pixel(rgb, width, x: 4, y: 4));         // largest count
        Assert.Equal((0xf7, 0xfb, 0xff), Pixel(rgb, width, x: 14, y: 4));        // zero
        Assert.Equal((0xbb, 0xc8, 0xda), Pixel(rgb, width, x: 24, y: 4));        // 2 of 8
        Assert.Equal((0x80, 0x96, 0xb5), Pixel(rgb, width, x: 14, y: 14));       // 4 of 8
        Assert.Equal((0xff, 0xff, 0xff), Pixel(rgb, width, x: cell - 1, y: 4));  // separator line
    }

    [Fact]
    public void Cell_size_out_of_range_is_rejected()
    {
        var matrix = new ConfusionMatrix([0], new double[,] { { 1 } });

        Assert.Throws<ParamException>(() => ConfusionMatrixPng.Render(matrix, cellPixels: 1));
    }

    private static (int Red, int Green, int Blue) Pixel(byte[] rgb, int width, int x, int y)
    {
        int offset = (y * width + x) * 3;
        return (rgb[offset], rgb[offset + 1], rgb[offset + 2]);
    }

    private static (int Width, int Height, byte[] Rgb) Decode(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0;
        var idat = new MemoryStream();
        var types = new List<string>();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var typeAndData = png.AsSpan(at + 4, 4 + length);
            string type = Encoding.ASCII.GetString(typeAndData[..4]);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)), Crc32.Compute(typeAndData));
            types.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(typeAndData[4..]);
                height = BinaryPrimitives.ReadInt32BigEndian(typeAndData[8..]);
                Assert.Equal([8, 2, 0, 0, 0], typeAndData.Slice(12, 5).ToArray());
            }
            if (type == "IDAT")
                idat.Write(typeAndData[4..]);
            at += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        byte[] scanlines = inflated.ToArray();
        int stride = width * 3;
        Assert.Equal(height * (stride + 1), scanlines.Length);
        var rgb = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(1, scanlines[y * (stride + 1)]); // Sub filter: each byte minus the byte one pixel to its left
            for (int i = 0; i < stride; i++)
                rgb[y * stride + i] = (byte)(scanlines[y * (stride + 1) + 1 + i] + (i >= 3 ? rgb[y * stride + i - 3] : 0));
        }
        return (width, height, rgb);
    }
}
