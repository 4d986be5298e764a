using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>Recursive listing of image folders with symbolic links and unreadable sub-folders.</summary>
public class ListingLinkTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(30);

    [Fact]
    public void LinkToTheFolderItselfListsEveryImageOnceAndCountsTheLink()
    {
        var dir = FolderWithImages("a.png", "sub/b.png");
        Directory.CreateSymbolicLink(Path.Combine(dir, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dir, "sub", "up"), "..");

        var frame = Session.ReadImages(dir, new ImageReadOptions { Recursive = true });
        var origins = frame.Collect().Select(r => ImageSchema.Origin((Row)r["image"]!)).ToArray();

        Assert.Equal([Path.Combine(dir, "a.png"), Path.Combine(dir, "sub", "b.png")], origins);
        Assert.Equal(2, frame.Metrics!.SkippedFolderLinks);
        Assert.Equal(2, frame.Metrics.ListedFiles);
        Assert.Contains("skipped 2 folder link(s)", Assert.Single(frame.Metrics.ListingWarnings));
    }

    [Fact]
    public async Task TwoLinksToTheFolderItselfFinishQuickly()
    {
        var dir = FolderWithImages("a.png", "b.png", "c/d.png");
        Directory.CreateSymbolicLink(Path.Combine(dir, "l1"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dir, "l2"), ".");
        Directory.CreateSymbolicLink(Path.Combine(dir, "c", "l3"), "..");

        var listing = await Task.Run(() => FileListing.Create([dir], recursive: true)).WaitAsync(Quickly);

        Assert.Equal(3, listing.Files.Count);
        Assert.Equal(3, listing.SkippedFolderLinks);
    }

    [Fact]
    public void LinksToNewFoldersAndFilesAreFollowedAndRealFoldersWinOverAliases()
    {
        var outside = FolderWithImages("x.png");
        var dir = FolderWithImages("a.png", "sub/b.png");
        Directory.CreateSymbolicLink(Path.Combine(dir, "0alias"), Path.Combine(dir, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "ext"), outside);
        File.CreateSymbolicLink(Path.Combine(dir, "sub", "link.png"), Path.Combine(outside, "x.png"));

        var listing = FileListing.Create([dir], recursive: true);

        string[] expected =
        [
            Path.Combine(dir, "a.png"), Path.Combine(dir, "ext", "x.png"),
            Path.Combine(dir, "sub", "b.png"), Path.Combine(dir, "sub", "link.png"),
        ];
        Assert.Equal(expected, listing.Files);
        Assert.Equal(1, listing.SkippedFolderLinks);
        Assert.Equal(listing.Files, FileListing.Create([dir], recursive: true).Files);
    }

    [Fact]
    public void NonRecursiveListingIgnoresFolderLinksAndKeepsFileLinks()
    {
        var dir = FolderWithImages("a.png", "sub/b.png");
        Directory.CreateSymbolicLink(Path.Combine(dir, "self"), ".");
        File.CreateSymbolicLink(Path.Combine(dir, "c.png"), Path.Combine(dir, "sub", "b.png"));

        var listing = FileListing.Create([dir], recursive: false);

        Assert.Equal([Path.Combine(dir, "a.png"), Path.Combine(dir, "c.png")], listing.Files);
        Assert.Equal(0, listing.SkippedFolderLinks);
    }

    [Fact]
    public void UnreadableSubFolderFailsNamingItOrIsSkippedAndCounted()
    {
        var dir = FolderWithImages("a.png", "locked/b.png", "z/c.png");
        var locked = Path.Combine(dir, "locked");
        IEnumerable<FileSystemInfo> Entries(string folder) => folder == locked
            ? throw new UnauthorizedAccessException($"Access to the path '{folder}' is denied.")
            : new DirectoryInfo(folder).EnumerateFileSystemInfos();

        var error = Assert.Throws<DataFormatException>(() => FileListing.Create([dir], recursive: true, entries: Entries));
        Assert.Contains($"Cannot list folder {locked}", error.Message);
        Assert.Contains("--drop-invalid", error.Message);

        var listing = FileListing.Create([dir], recursive: true, skipUnreadable: true, entries: Entries);
        Assert.Equal([Path.Combine(dir, "a.png"), Path.Combine(dir, "z", "c.png")], listing.Files);
        Assert.Equal([locked], listing.UnreadableFolders);
    }

    [Fact]
    public void FolderWithoutReadPermissionIsReportedByTheImageReader()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = FolderWithImages("a.png", "locked/b.png");
        var locked = Path.Combine(dir, "locked");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            if (CanList(locked)) return; // root (CAP_DAC_READ_SEARCH) reads it anyway; the seam test above covers the path.
            var error = Assert.Throws<DataFormatException>(() => Session.ReadImages(dir, new ImageReadOptions { Recursive = true }));
            Assert.Contains(locked, error.Message);

            var frame = Session.ReadImages(dir, new ImageReadOptions { Recursive = true, DropInvalid = true });
            Assert.Equal(1, frame.Count());
            Assert.Equal([locked], frame.Metrics!.UnreadableFolders);
            Assert.Contains("unreadable folder", Assert.Single(frame.Metrics.ListingWarnings));
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool CanList(string folder)
    {
        try { return Directory.EnumerateFileSystemEntries(folder).Any() || true; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static string FolderWithImages(params string[] names)
    {
        var dir = TestPaths.NewTempDir();
        var png = PngEncoder.Encode(new ImageData(2, 3, 3, new byte[18]));
        foreach (var name in names)
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, png);
        }
        return dir;
    }
}
