using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Keras.Tfjs;

/// <summary>
/// The weights of a TF.js layers model: each manifest group's shard files are concatenated in order and its entries
/// read one after another. Weights are looked up by <c>layer/weight</c> name (manifest order does not matter).
/// </summary>
public sealed class TfjsWeights : IKerasWeightSource
{
    private readonly Dictionary<string, KerasWeight> _weights = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Reads every group of <paramref name="manifest"/> (the <c>weightsManifest</c> array) from files in <paramref name="directory"/>.</summary>
    public TfjsWeights(JsonArray manifest, string directory, string source)
    {
        Description = source;
        int groupNumber = 0;
        foreach (var groupNode in manifest)
        {
            groupNumber++;
            var group = groupNode as JsonObject ?? throw new ModelFormatException($"{source}: weights manifest group {groupNumber} is not an object.");
            var paths = (group["paths"] as JsonArray)?.Select(p => p?.GetValue<string>() ?? "").ToArray()
                ?? throw new ModelFormatException($"{source}: weights manifest group {groupNumber} has no 'paths'.");
            var entries = (group["weights"] as JsonArray ?? throw new ModelFormatException($"{source}: weights manifest group {groupNumber} has no 'weights'."))
                .Select(e => TfjsWeightEntry.Parse(e, source)).ToList();
            var (data, shardLengths) = ReadGroup(directory, paths, source);
            long offset = 0;
            foreach (var entry in entries)
            {
                long length = entry.ByteLength;
                if (offset + length > data.Length)
                    throw new ModelFormatException($"{source}: weight '{entry.Name}' {Tensor.Format(entry.Shape)} needs bytes {offset}–{offset + length} of group {groupNumber} ({string.Join(", ", paths)}), which holds only {data.Length} bytes.");
                if (!_weights.TryAdd(entry.Name, new KerasWeight(entry.Decode(data.AsSpan((int)offset, (int)length)), entry.Shape)))
                    throw new ModelFormatException($"{source}: weight '{entry.Name}' appears twice in the manifest.");
                offset += length;
            }
            if (offset < data.Length) throw LongerThanManifest(source, groupNumber, paths, shardLengths, offset, data.Length);
        }
    }

    private static ModelFormatException LongerThanManifest(string source, int groupNumber, string[] paths, long[] shardLengths, long expected, long actual)
    {
        int shard = 0;
        for (long end = shardLengths[0]; end <= expected && shard < paths.Length - 1; end += shardLengths[++shard]) { }
        return new ModelFormatException(
            $"{source}: weight shard '{paths[shard]}' of group {groupNumber} runs past its weights: the manifest's weights take {expected} bytes, " +
            $"the group's shards hold {actual} bytes ({string.Join(", ", paths.Select((p, i) => $"{p}: {shardLengths[i]}"))}). The shard or the manifest is not the one exported with it.");
    }

    /// <inheritdoc />
    public KerasWeight? Find(string layerName, string weightName, int[] expectedShape)
    {
        if (_weights.TryGetValue($"{layerName}/{weightName}", out var weight)) return weight;
        // Weights of layers inside nested scopes carry a prefix: match a unique ".../layer/weight".
        var matches = _weights.Where(kv => kv.Key.EndsWith($"/{layerName}/{weightName}", StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0].Value : null;
    }

    private static (byte[] Data, long[] ShardLengths) ReadGroup(string directory, string[] paths, string source)
    {
        string root = Path.GetFullPath(directory);
        using var buffer = new MemoryStream();
        var lengths = new long[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            string relative = paths[i];
            string full = Path.GetFullPath(Path.Combine(root, relative));
            if (relative.Length == 0 || Path.IsPathRooted(relative) || !full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ModelFormatException($"{source}: weight shard path '{relative}' must be a file inside the model folder.");
            if (!File.Exists(full)) throw new ModelFormatException($"{source}: weight shard '{relative}' does not exist in {root}.");
            using var stream = File.OpenRead(full);
            stream.CopyTo(buffer);
            lengths[i] = stream.Length;
        }
        return (buffer.ToArray(), lengths);
    }
}
