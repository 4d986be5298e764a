using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary><c>dlp predict --out</c>: the printed predictions, written as a file in input-file order.</summary>
public class PredictOutputTests
{
    [Fact]
    public void OutWritesThePrintedPredictionsAsCsvAndJsonLines()
    {
        var images = Path.Combine(TestPaths.NewTempDir(), "images");
        Directory.CreateDirectory(images);
        foreach (var name in new[] { "chelsea.png", "coffee.png", "rocket.png" }) File.Copy(SharedModels.Image(name), Path.Combine(images, name));
        string[] common = ["predict", "--model", SharedModels.SqueezeNet, "--bgr", "--top", "2"];

        var printed = DlpProcess.Run([.. common, "--json", images]);
        Assert.True(printed.ExitCode == 0, printed.Stderr);
        var expected = JsonDocument.Parse(printed.Stdout).RootElement.GetProperty("predictions").EnumerateArray()
            .Select(p => (Origin: p.GetProperty("origin").GetString()!, Top: p.GetProperty("top").EnumerateArray()
                .Select(t => (Class: t.GetProperty("class").GetString()!, Probability: t.GetProperty("probability").GetSingle())).ToArray()))
            .ToArray();
        Assert.Equal(3, expected.Length);

        var jsonl = Path.Combine(Path.GetDirectoryName(images)!, "top.jsonl");
        var toJson = DlpProcess.Run([.. common, "--out", jsonl, "--part-size", "1", images]);
        Assert.True(toJson.ExitCode == 0, toJson.Stderr);
        var lines = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(expected.Select(e => e.Origin), lines.Select(l => l.GetProperty("origin").GetString()));
        for (int i = 0; i < lines.Length; i++)
            Assert.Equal(expected[i].Top, lines[i].GetProperty("top").EnumerateArray()
                .Select(t => (t.GetProperty("class").GetString()!, t.GetProperty("probability").GetSingle())));

        var csv = Path.Combine(Path.GetDirectoryName(images)!, "top.csv");
        var toCsv = DlpProcess.Run([.. common, "--out", csv, images]);
        Assert.True(toCsv.ExitCode == 0, toCsv.Stderr);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("origin,rank,class,description,probability", rows[0]);
        var want = expected.SelectMany(e => e.Top.Select((t, rank) => $"{e.Origin},{rank + 1},{t.Class},{t.Probability.ToString("R", CultureInfo.InvariantCulture)}"));
        Assert.Equal(want, rows.Skip(1).Select(r => r.Split(',')).Select(f => $"{f[0]},{f[1]},{f[2]},{f[^1]}"));
        Assert.Equal([images, csv, jsonl], Directory.GetFileSystemEntries(Path.GetDirectoryName(images)!).Order(StringComparer.Ordinal));
    }
}
