using DeepLearningPipelines.Core;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Frames;

public class AtomicFileTests
{
    [Fact]
    public void WriteReplacesTheTargetOnlyWhenTheWriteCompletes()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "out.txt");
        File.WriteAllText(path, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write("half");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir));

        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void StreamWithoutCommitLeavesNoFile()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "out.bin");
        using (var stream = AtomicFileStream.Create(path)) stream.Write([1, 2, 3]);
        Assert.Empty(Directory.GetFileSystemEntries(dir));

        using (var stream = AtomicFileStream.Create(path))
        {
            stream.Write([1, 2, 3]);
            stream.Commit();
        }
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void ParentThatIsAFileGivesAClearError()
    {
        var dir = TestPaths.NewTempDir();
        var file = Path.Combine(dir, "plain");
        File.WriteAllText(file, "x");
        var e = Assert.Throws<DlpException>(() => AtomicFile.WriteAllText(Path.Combine(file, "out.txt"), "y"));
        Assert.Contains($"{file} is a file, not a folder", e.Message);
        var d = Assert.Throws<DlpException>(() => AtomicFile.WriteDirectory(Path.Combine(file, "sub", "out"), _ => { }, replaceExisting: true));
        Assert.Contains($"{file} is a file, not a folder", d.Message);
    }

    [Fact]
    public void WriteDirectoryKeepsTheOldFolderWhenFillingFails()
    {
        var dir = TestPaths.NewTempDir();
        var target = Path.Combine(dir, "folder");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "a"), "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteDirectory(target, tmp =>
        {
            File.WriteAllText(Path.Combine(tmp, "b"), "new");
            throw new InvalidOperationException("boom");
        }, replaceExisting: true));
        Assert.Equal([Path.Combine(target, "a")], Directory.GetFileSystemEntries(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir));

        AtomicFile.WriteDirectory(target, tmp => File.WriteAllText(Path.Combine(tmp, "b"), "new"), replaceExisting: true);
        Assert.Equal([Path.Combine(target, "b")], Directory.GetFileSystemEntries(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir));
        Assert.Throws<DlpException>(() => AtomicFile.WriteDirectory(target, _ => { }, replaceExisting: false));
    }
}
