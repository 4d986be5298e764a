using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// The files behind input paths. Folders are listed in sorted order; with recursion each real folder is listed once:
/// real sub-folders are walked first, then folder links whose real target was not listed yet, so a link back to an
/// ancestor (<c>ln -s . self</c>) or to a folder already listed is skipped and counted instead of looping. File links
/// are followed. Names starting with <c>.</c> or <c>_</c> are hidden files and left out.
/// </summary>
internal sealed class FileListing
{
    private readonly Func<string, IEnumerable<FileSystemInfo>> _entries;
    private readonly bool _skipUnreadable;
    private readonly List<string> _unreadable = [];

    private FileListing(bool skipUnreadable, Func<string, IEnumerable<FileSystemInfo>>? entries)
    {
        _skipUnreadable = skipUnreadable;
        _entries = entries ?? (path => new DirectoryInfo(path).EnumerateFileSystemInfos());
    }

    /// <summary>Every listed file, each input path's files sorted ordinally.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Folders reached through a symbolic link whose real folder had already been listed.</summary>
    public int SkippedFolderLinks { get; private set; }

    /// <summary>Sub-folders that could not be listed and were skipped (only with skipUnreadable).</summary>
    public IReadOnlyList<string> UnreadableFolders => _unreadable;

    /// <summary>Lists <paramref name="paths"/> (files or folders).</summary>
    /// <param name="paths">Files and folders; a missing path is an error.</param>
    /// <param name="recursive">Look into sub-folders too.</param>
    /// <param name="skipUnreadable">Skip and count sub-folders that cannot be listed (permission denied, vanished).
    /// When false, such a folder fails the listing with a <see cref="DataFormatException"/> naming it, as Spark does.
    /// A top-level folder that cannot be listed always fails.</param>
    /// <param name="entries">How to list one folder (tests replace it to simulate unreadable folders).</param>
    public static FileListing Create(IEnumerable<string> paths, bool recursive, bool skipUnreadable = false,
        Func<string, IEnumerable<FileSystemInfo>>? entries = null)
    {
        var listing = new FileListing(skipUnreadable, entries);
        foreach (var p in paths)
        {
            if (File.Exists(p)) listing.Files.Add(Path.GetFullPath(p));
            else if (Directory.Exists(p)) listing.Files.AddRange(listing.ListFolder(Path.GetFullPath(p), recursive).Order(StringComparer.Ordinal));
            else throw new DataFormatException($"Path does not exist: {Path.GetFullPath(p)}");
        }
        return listing;
    }

    private List<string> ListFolder(string root, bool recursive)
    {
        var files = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var folders = new Stack<(string Path, string Real)>();
        var links = new Queue<string>();
        var rootReal = RealPath.Of(root);
        visited.Add(rootReal);
        folders.Push((root, rootReal));
        while (true)
        {
            while (folders.TryPop(out var folder))
            {
                foreach (var entry in Entries(folder.Path, isRoot: folder.Path == root).OrderBy(e => e.Name, StringComparer.Ordinal))
                {
                    if (entry is not DirectoryInfo) { if (!IsHidden(entry.Name)) files.Add(entry.FullName); }
                    else if (!recursive) continue;
                    else if (entry.LinkTarget is not null) links.Enqueue(entry.FullName);
                    else if (visited.Add(Path.Combine(folder.Real, entry.Name))) folders.Push((entry.FullName, Path.Combine(folder.Real, entry.Name)));
                    else SkippedFolderLinks++;
                }
            }
            if (!links.TryDequeue(out var link)) return files;
            var real = RealPath.Of(link);
            if (visited.Add(real)) folders.Push((link, real));
            else SkippedFolderLinks++;
        }
    }

    private List<FileSystemInfo> Entries(string folder, bool isRoot)
    {
        try
        {
            return _entries(folder).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            if (_skipUnreadable && !isRoot)
            {
                _unreadable.Add(folder);
                return [];
            }
            throw new DataFormatException($"Cannot list folder {folder}: {e.Message} Make it readable, or drop invalid input " +
                                          "(dropInvalid / --drop-invalid) to skip unreadable sub-folders; they are then counted.", e);
        }
    }

    private static bool IsHidden(string name) => name.StartsWith('.') || name.StartsWith('_');
}
