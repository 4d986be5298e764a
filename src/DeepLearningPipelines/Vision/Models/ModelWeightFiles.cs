using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// The files that hold one model's weights (an ONNX or Keras file; a TF.js <c>model.json</c> and its shards): their
/// identity on disk when listed, to notice a replaced file, and their SHA-256, which names the weights in caches.
/// </summary>
internal sealed class ModelWeightFiles
{
    private const int BufferSize = 1 << 20;

    private ModelWeightFiles(IReadOnlyList<string> paths)
    {
        Paths = paths;
        Identity = string.Join(";", paths.Select(p => new FileInfo(p) is { Exists: true } f ? $"{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}" : $"{p}:absent"));
    }

    /// <summary>Full paths, in hashing order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Path, length and last-write time of each file when listed; differs once any file is replaced.</summary>
    public string Identity { get; }

    /// <summary>The weights of a model file: the file itself, or for a TF.js <c>model.json</c> also the shards its manifest lists.</summary>
    public static ModelWeightFiles OfFile(string path)
    {
        string full = Path.GetFullPath(path);
        bool tfjs = Path.GetExtension(full).Equals(".json", StringComparison.OrdinalIgnoreCase);
        return new ModelWeightFiles(tfjs ? [full, .. TfjsShards(full)] : [full]);
    }

    /// <summary>The weights the registry resolves for a zoo model, or null when they are not in the models folder.</summary>
    public static ModelWeightFiles? OfZoo(ModelRegistry registry, string name, bool withTop) =>
        registry.Find(name, withTop) is { } location ? OfFile(location.Path) : null;

    /// <summary>Lower-case hex SHA-256 of the files' bytes, one after another (for one file, the file's own SHA-256).</summary>
    public string Sha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        foreach (var path in Paths)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            for (int n; (n = stream.Read(buffer)) > 0;) hash.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The shard files a TF.js manifest lists; none when the file is unreadable (loading it reports why).</summary>
    private static IEnumerable<string> TfjsShards(string modelJson)
    {
        JsonNode? root;
        try { root = File.Exists(modelJson) ? JsonNode.Parse(File.ReadAllText(modelJson)) : null; }
        catch (JsonException) { return []; }
        string folder = Path.GetDirectoryName(modelJson)!;
        return ((root as JsonObject)?["weightsManifest"] as JsonArray ?? [])
            .SelectMany(group => (group as JsonObject)?["paths"] as JsonArray ?? [])
            .Select(p => p is JsonValue v && v.TryGetValue(out string? relative) ? Path.GetFullPath(Path.Combine(folder, relative)) : null)
            .OfType<string>()
            .ToArray();
    }
}
