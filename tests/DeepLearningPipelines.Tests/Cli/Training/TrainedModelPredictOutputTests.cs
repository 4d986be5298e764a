using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli.Training;

/// <summary>
/// <c>dlp predict --out</c> with a model trained by <c>dlp train</c>: the printed predictions, by class name, in CSV,
/// JSON lines and Parquet; and the same network saved by <c>dlp train --keras</c> predicts alike from its .h5 file.
/// </summary>
public class TrainedModelPredictOutputTests
{
    /// <summary>An image folder of two classes: reddish and bluish 16×16 noise, <paramref name="perClass"/> images each.</summary>
    private static string ColourFolder(int perClass)
    {
        string root = Path.Combine(TestPaths.NewTempDir(), "colours");
        var random = new Random(7);
        foreach (var (name, channel) in new[] { ("blue", 2), ("red", 0) })
        {
            Directory.CreateDirectory(Path.Combine(root, name));
            for (int i = 0; i < perClass; i++)
            {
                var pixels = new byte[16 * 16 * 3];
                for (int p = 0; p < pixels.Length; p++) pixels[p] = (byte)(p % 3 == channel ? 150 + random.Next(100) : random.Next(100));
                File.WriteAllBytes(Path.Combine(root, name, $"{i:D2}.png"), PngWriter.Encode(16, 16, 3, pixels));
            }
        }
        return root;
    }

    /// <summary>One line per image: origin, then each top class and its probability.</summary>
    private static string Line(string origin, IEnumerable<(string Class, float Probability)> top) =>
        string.Join(" ", top.Select(t => $"{t.Class}:{t.Probability.ToString("R", CultureInfo.InvariantCulture)}").Prepend(origin));

    private static string[] Printed(string stdout) =>
        JsonDocument.Parse(stdout).RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => Line(p.GetProperty("origin").GetString()!, p.GetProperty("top").EnumerateArray()
                .Select(t => (t.GetProperty("class").GetString()!, t.GetProperty("probability").GetSingle()))))
            .ToArray();

    [Fact]
    public void OutWritesATrainedModelsPredictionsByClassName()
    {
        string images = ColourFolder(perClass: 8), folder = TestPaths.NewTempDir(), model = Path.Combine(folder, "colours.onnx");
        string keras = Path.Combine(folder, "colours-keras.h5");
        var trained = DlpProcess.Run("train", "--images", images, "--layers", "conv4-pool-dense8", "--size", "16", "--epochs", "1", "--batch", "8",
            "--validation-split", "0", "--seed", "1", "--out", model, "--keras", keras, "--json");
        Assert.True(trained.ExitCode == 0, trained.Stderr + trained.Stdout);
        string[] common = ["predict", "--model", model, "--top", "2"];

        var printed = DlpProcess.Run([.. common, "--json", images]);
        Assert.True(printed.ExitCode == 0, printed.Stderr);
        var expected = Printed(printed.Stdout);
        Assert.Equal(16, expected.Length);
        Assert.All(expected, e => Assert.Equal(["blue", "red"], e.Split(' ').Skip(1).Select(t => t.Split(':')[0]).Order()));

        var fromKeras = DlpProcess.Run("predict", "--model", keras, "--top", "2", "--json", images);
        Assert.True(fromKeras.ExitCode == 0, fromKeras.Stderr);
        Assert.Equal(["blue", "red"], File.ReadAllLines(Path.Combine(folder, "colours-keras.classes.txt")));
        var kerasLines = Printed(fromKeras.Stdout);
        Assert.Equal(expected.Length, kerasLines.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            string[] want = expected[i].Split(' '), got = kerasLines[i].Split(' ');
            Assert.Equal(want.Select(t => t.Split(':')[0]), got.Select(t => t.Split(':')[0]));
            Assert.All(want.Skip(1).Zip(got.Skip(1)), t => Assert.Equal(float.Parse(t.First.Split(':')[1], CultureInfo.InvariantCulture),
                float.Parse(t.Second.Split(':')[1], CultureInfo.InvariantCulture), 1e-5f));
        }

        string jsonl = Path.Combine(folder, "top.jsonl");
        var toJson = DlpProcess.Run([.. common, "--out", jsonl, "--part-size", "5", images]);
        Assert.True(toJson.ExitCode == 0, toJson.Stderr);
        Assert.Equal(expected, Printed($"{{\"predictions\":[{string.Join(",", File.ReadAllLines(jsonl))}]}}"));

        string csv = Path.Combine(folder, "top.csv");
        var toCsv = DlpProcess.Run([.. common, "--out", csv, images]);
        Assert.True(toCsv.ExitCode == 0, toCsv.Stderr);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("origin,rank,class,description,probability", lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(l => l.Split(',')).GroupBy(f => f[0])
            .Select(g => Line(g.Key, g.Select(f => (f[2], float.Parse(f[4], CultureInfo.InvariantCulture))))));
        Assert.All(lines.Skip(1).Select(l => l.Split(',')), f => Assert.Equal(f[2], f[3]));

        string parquet = Path.Combine(folder, "top.parquet");
        var toParquet = DlpProcess.Run([.. common, "--out", parquet, images]);
        Assert.True(toParquet.ExitCode == 0, toParquet.Stderr);
        var session = DlpSession.Builder().Master("local[1]").NewSession();
        var rows = session.Read().Parquet(parquet).Collect();
        Assert.Equal(expected, rows.Select(r => Line((string)r["origin"]!, ((IEnumerable<object?>)r["top"]!).Cast<Row>()
            .Select(t => ((string)t["class"]!, (float)t["probability"]!)))));
    }
}
