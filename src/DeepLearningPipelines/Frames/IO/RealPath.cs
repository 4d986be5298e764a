namespace DeepLearningPipelines.Frames.IO;

/// <summary>The canonical path of an existing file or folder, with every symbolic link resolved (POSIX realpath).</summary>
internal static class RealPath
{
    /// <summary>Links followed before giving up, as Linux's ELOOP limit.</summary>
    private const int MaxLinks = 40;

    /// <exception cref="IOException">The path goes through more than 40 links (a link cycle).</exception>
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        var parts = new Queue<string>(Split(full, current));
        var links = 0;
        while (parts.TryDequeue(out var part))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks) throw new IOException($"Too many levels of symbolic links resolving {path}.");
            var resolved = Path.GetFullPath(target, current);
            var root = Path.GetPathRoot(resolved)!;
            parts = new Queue<string>(Split(resolved, root).Concat(parts));
            current = root;
        }
        return current;
    }

    private static string[] Split(string full, string root) =>
        full[root.Length..].Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
