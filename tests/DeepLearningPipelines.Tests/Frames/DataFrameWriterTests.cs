using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Tests.Support;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

public class DataFrameWriterTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    /// <summary>Ids 0..999 in four partitions, with a column whose UDF throws at id <paramref name="failAt"/>.</summary>
    private static DataFrame Numbers(long failAt = -1)
    {
        var twice = Udf<long, long>(id => id == failAt ? throw new InvalidOperationException($"row {id} fails") : 2 * id, DataTypes.Long);
        return Session.Range(0, 1000, 4).WithColumn("twice", twice(Col("id")));
    }

    private static string[] ReadLines(string folder) =>
        Directory.GetFiles(folder, "part-*").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToArray();

    [Fact]
    public void FailedOverwriteLeavesTheOldOutputIntactAndOnlyTheHiddenJobFolder()
    {
        var dir = TestPaths.NewTempDir();
        var target = Path.Combine(dir, "out");
        Numbers().Write().Csv(target);
        var before = ReadLines(target);
        var entriesBefore = Directory.GetFileSystemEntries(target).Order().ToArray();

        var e = Assert.Throws<InvalidOperationException>(() => Numbers(failAt: 700).Write().Mode(SaveMode.Overwrite).Csv(target));
        Assert.Contains("row 700 fails", e.Message);

        Assert.Equal(entriesBefore, Directory.GetFileSystemEntries(target).Order().ToArray());
        Assert.Equal(before, ReadLines(target));
        Assert.Equal([FolderCommit.WorkingFolder(target), target], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FailedFirstWriteLeavesNothingUnderTheTargetName()
    {
        var dir = TestPaths.NewTempDir();
        Assert.Throws<InvalidOperationException>(() => Numbers(failAt: 3).Write().Json(Path.Combine(dir, "out")));
        Assert.Equal([FolderCommit.WorkingFolder(Path.Combine(dir, "out"))], Directory.GetFileSystemEntries(dir));
        Assert.StartsWith(".", Path.GetFileName(Directory.GetFileSystemEntries(dir).Single()));
    }

    [Fact]
    public void SaveModesBehaveAsSpark()
    {
        var dir = TestPaths.NewTempDir();
        var target = Path.Combine(dir, "out");
        Session.Range(0, 3, 1).Write().Csv(target);
        Assert.True(File.Exists(Path.Combine(target, "_SUCCESS")));

        Assert.Throws<DlpException>(() => Session.Range(10, 12, 1).Write().Csv(target));
        Session.Range(10, 12, 1).Write().Mode(SaveMode.Ignore).Csv(target);
        Assert.Equal(["0", "1", "2"], ReadLines(target).Order());

        Session.Range(10, 12, 1).Write().Mode("APPEND").Csv(target);
        Assert.Equal(["0", "1", "10", "11", "2"], ReadLines(target).Order(StringComparer.Ordinal));

        Session.Range(20, 21, 1).Write().Mode(SaveMode.Overwrite).Csv(target);
        Assert.Equal(["20"], ReadLines(target));
        Assert.True(File.Exists(Path.Combine(target, "_SUCCESS")));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void FailedAppendAddsNoPartFiles()
    {
        var dir = TestPaths.NewTempDir();
        var target = Path.Combine(dir, "out");
        Numbers().Write().Csv(target);
        var before = Directory.GetFileSystemEntries(target).Order().ToArray();
        Assert.Throws<InvalidOperationException>(() => Numbers(failAt: 999).Write().Mode(SaveMode.Append).Csv(target));
        Assert.Equal(before, Directory.GetFileSystemEntries(target).Order().ToArray());
        Assert.Equal([FolderCommit.WorkingFolder(target), target], Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal));
    }
}
