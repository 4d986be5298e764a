using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Tests.Vision;

public class ImageSourceTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();
    private static string BirdsPlanes => Path.Combine(TestPaths.Shared, "data", "birds-planes");

    [Fact]
    public void ReadsFoldersOfJpegsIntoSparkImageColumnWithLabels()
    {
        var df = Session.ReadImages(BirdsPlanes, new ImageReadOptions { Recursive = true, LabelFromFolder = true, DropInvalid = true });
        Assert.Equal("struct<origin:string,height:int,width:int,nChannels:int,mode:int,data:binary>", df.Schema["image"].DataType.SimpleString);
        Assert.Equal(2, df.NumPartitions);
        var rows = df.Collect();
        Assert.Equal(60, rows.Length);
        Assert.Equal(30, rows.Count(r => (string)r["label"]! == "birds"));
        Assert.Equal(1, df.Metrics!.DroppedRecords); // the data set's README.txt
        Assert.Contains("OPEN-IMAGES-README.txt", df.Metrics.Messages.Single());
        var image = (Row)rows[0]["image"]!;
        Assert.EndsWith(".jpg", ImageSchema.Origin(image));
        Assert.Equal(16, image.Get<int>("mode"));
        var pixels = ImageSchema.ToImage(image);
        Assert.Equal(3, pixels.Channels);
        Assert.True(pixels.Width > 50 && pixels.Height > 50);
    }

    [Fact]
    public void CorruptFilesFailNamingTheFileOrAreDroppedAndCounted()
    {
        var dir = TestPaths.NewTempDir();
        File.Copy(Path.Combine(BirdsPlanes, "birds", "bird-001.jpg"), Path.Combine(dir, "good.jpg"));
        var bytes = File.ReadAllBytes(Path.Combine(BirdsPlanes, "planes", "plane-001.jpg"));
        File.WriteAllBytes(Path.Combine(dir, "truncated.jpg"), bytes[..(bytes.Length / 3)]);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(dir, "empty.png"), []);

        var strict = Session.ReadImages(dir);
        var e = Assert.Throws<DataFormatException>(() => strict.Collect());
        Assert.Contains(dir, e.Message);

        var lenient = Session.ReadImages(dir, new ImageReadOptions { DropInvalid = true });
        var rows = lenient.Collect();
        Assert.Single(rows);
        Assert.EndsWith("good.jpg", ImageSchema.Origin((Row)rows[0]["image"]!));
        Assert.Equal(3, lenient.Metrics!.DroppedRecords);
    }

    [Fact]
    public void SampleRatioIsDeterministicAndBinaryFilesKeepBytes()
    {
        var options = new ImageReadOptions { Recursive = true, SampleRatio = 0.5, Seed = 3, DropInvalid = true };
        var a = Session.ReadImages(BirdsPlanes, options).Count();
        var b = Session.ReadImages(BirdsPlanes, options).Count();
        Assert.Equal(a, b);
        Assert.InRange(a, 15, 45);
        var bin = Session.ReadBinaryFiles(Path.Combine(BirdsPlanes, "birds")).OrderBy("path").First();
        var path = (string)bin["path"]!;
        Assert.Equal(File.ReadAllBytes(path), (byte[])bin["content"]!);
        Assert.Equal(new FileInfo(path).Length, bin.Get<long>("length"));
    }
}
