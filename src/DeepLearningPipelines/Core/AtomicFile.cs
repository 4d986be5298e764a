using System.Text;

namespace DeepLearningPipelines.Core;

/// <summary>
/// Writes files and folders all-or-nothing: the content goes to a hidden temporary name beside the target (same
/// folder, so the final rename cannot cross file systems) and replaces the target only once it is complete. When the
/// write throws, the temporary output is deleted and an existing target is left untouched.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a file through <paramref name="write"/>, replacing <paramref name="path"/> only when it returns.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var stream = AtomicFileStream.Create(path);
        write(stream);
        stream.Commit();
    }

    /// <summary>
    /// Writes a file through <paramref name="write"/>, which gets a hidden temporary path beside <paramref name="path"/>
    /// (for writers that open files by name); the file replaces <paramref name="path"/> only when it returns.
    /// </summary>
    public static void WriteFile(string path, Action<string> write)
    {
        var target = Path.GetFullPath(path);
        var temporary = TemporarySibling(target);
        try
        {
            write(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        finally { TryDelete(temporary); }
    }

    /// <summary>Writes UTF-8 text (no BOM, <c>\n</c> line ends) through <paramref name="write"/>, all-or-nothing.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM), all-or-nothing.</summary>
    public static void WriteAllText(string path, string text) => WriteText(path, w => w.Write(text));

    /// <summary>
    /// Fills a temporary folder beside <paramref name="path"/> through <paramref name="fill"/> (which gets the
    /// temporary folder's path) and then moves it to <paramref name="path"/>. Missing parent folders are created.
    /// An existing file or folder at <paramref name="path"/> is replaced when <paramref name="replaceExisting"/> is
    /// true (it is kept until the new folder is complete) and refused otherwise.
    /// </summary>
    public static void WriteDirectory(string path, Action<string> fill, bool replaceExisting)
    {
        var target = Path.GetFullPath(path);
        if (!replaceExisting && Exists(target)) throw new DlpException($"Path {target} already exists.");
        var temporary = TemporarySibling(target);
        try { Directory.CreateDirectory(temporary); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot write {target}: {Reason(target, e)}", e);
        }
        try { fill(temporary); }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        MoveIntoPlace(temporary, target, replaceExisting);
    }

    /// <summary>Moves the finished folder <paramref name="temporary"/> to <paramref name="target"/>, replacing an existing one (kept aside until the move succeeds) when <paramref name="replaceExisting"/> is true.</summary>
    internal static void MoveIntoPlace(string temporary, string target, bool replaceExisting)
    {
        string? aside = null;
        try
        {
            if (Exists(target))
            {
                if (!replaceExisting) throw new DlpException($"Path {target} already exists.");
                aside = TemporarySibling(target);
                Move(target, aside);
            }
            Directory.Move(temporary, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (aside is not null && !Exists(target)) Move(aside, target);
            TryDelete(temporary);
            throw new DlpException($"Cannot write {target}: moving the finished output into place failed ({e.Message}).", e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        if (aside is not null) TryDelete(aside);
    }

    /// <summary>A fresh hidden name in the same folder as <paramref name="target"/>.</summary>
    internal static string TemporarySibling(string target) =>
        Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    /// <summary>Why a path cannot be created: a parent that is a file, a missing folder, or the system's reason.</summary>
    internal static string Reason(string target, Exception e)
    {
        for (var dir = Path.GetDirectoryName(target); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            if (File.Exists(dir)) return $"{dir} is a file, not a folder.";
        var parent = Path.GetDirectoryName(target);
        if (e is DirectoryNotFoundException && parent is not null && !Directory.Exists(parent)) return $"the folder {parent} does not exist.";
        return e.Message;
    }

    /// <summary>Deletes a file or folder if present, ignoring failures (used for clean-up only).</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from)) Directory.Move(from, to); else File.Move(from, to);
    }
}
