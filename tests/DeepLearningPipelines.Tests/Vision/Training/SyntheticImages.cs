using DeepLearningPipelines.Core;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Datasets;

namespace DeepLearningPipelines.Tests.Vision.Training;

/// <summary>Small seeded image sets for training tests: in memory, or as a folder of PNG files with one sub-folder per class.</summary>
internal static class SyntheticImages
{
    /// <summary><paramref name="count"/> 8×8 grey images of 4 classes: noise plus a bright quarter that names the class.</summary>
    public static LabeledImages Quarters(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 64];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)random.Next(4);
            for (int p = 0; p < 64; p++)
            {
                bool lit = (p / 8 < 4 ? 0 : 2) + (p % 8 < 4 ? 0 : 1) == labels[i];
                pixels[i * 64 + p] = (byte)(random.Next(100) + (lit ? 120 : 0));
            }
        }
        return new LabeledImages("quarters", 8, 8, pixels, labels, ["a", "b", "c", "d"]);
    }

    /// <summary>A folder with sub-folders <c>dark</c> and <c>light</c> of <paramref name="perClass"/> 12×12 RGB PNG files each.</summary>
    public static string Folder(int perClass)
    {
        string root = Path.Combine(TestPaths.NewTempDir(), "shades");
        var random = new Random(5);
        foreach (var (name, level) in new[] { ("dark", 40), ("light", 170) })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            for (int i = 0; i < perClass; i++)
            {
                var rgb = Enumerable.Range(0, 12 * 12 * 3).Select(_ => (byte)(level + random.Next(60))).ToArray();
                File.WriteAllBytes(Path.Combine(root, name, $"{i:D3}.png"), PngWriter.Encode(12, 12, 3, rgb));
            }
        }
        return root;
    }
}
