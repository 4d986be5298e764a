using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Streaming;

/// <summary>A file a stream source took, as recorded in <c>sources/K/N</c>: its full path, size and modification time (ms since the epoch).</summary>
public sealed record StreamFile(string Path, long Size, long ModifiedMs)
{
    internal string ToJson() => JsonSerializer.Serialize(new { path = Path, size = Size, modificationTime = ModifiedMs });

    internal static StreamFile FromJson(string line, string logFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            return new StreamFile(e.GetProperty("path").GetString()!, e.GetProperty("size").GetInt64(), e.GetProperty("modificationTime").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new PersistenceException($"Checkpoint file {logFile} holds a line that is not a file entry ({MessageText.Escape(line, 80)}): {ex.Message}", ex);
        }
    }

    internal static StreamFile Of(FileInfo file) =>
        new(file.FullName, file.Length, new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeMilliseconds());
}
