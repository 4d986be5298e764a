using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace DeepLearningPipelines.Fuzz;

/// <summary>
/// A TF.js layers model as one fuzz input: a 4-byte little-endian length N, N bytes of <c>model.json</c>, then the bytes
/// of the single weight shard, which is written beside it as <c>weights.bin</c> (the name the seeds' manifests list).
/// </summary>
internal static class TfjsBundle
{
    public const string ShardName = "weights.bin";

    /// <summary>Splits <paramref name="data"/> into its JSON and shard parts; false when the length prefix does not fit.</summary>
    public static bool TrySplit(byte[] data, out ReadOnlySpan<byte> json, out ReadOnlySpan<byte> shard)
    {
        json = shard = default;
        if (data.Length < 4) return false;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length > data.Length - 4) return false;
        json = data.AsSpan(4, (int)length);
        shard = data.AsSpan(4 + (int)length);
        return true;
    }

    /// <summary>Writes <c>model.json</c> and <c>weights.bin</c> of <paramref name="data"/> into <paramref name="directory"/>.</summary>
    public static string Expand(byte[] data, string directory)
    {
        if (!TrySplit(data, out var json, out var shard)) throw new InvalidDataException("The length prefix exceeds the input.");
        Directory.CreateDirectory(directory);
        string modelJson = Path.Combine(directory, "model.json");
        File.WriteAllBytes(modelJson, json.ToArray());
        File.WriteAllBytes(Path.Combine(directory, ShardName), shard.ToArray());
        return modelJson;
    }

    /// <summary>Bundles a one-group TF.js model: its shards are concatenated and the manifest points at <c>weights.bin</c>.</summary>
    public static int Pack(string modelJsonPath, string output)
    {
        var root = JsonNode.Parse(File.ReadAllText(modelJsonPath))!.AsObject();
        var groups = root["weightsManifest"]!.AsArray();
        if (groups.Count != 1)
        {
            Console.Error.WriteLine($"{modelJsonPath}: only models with one weights group can be bundled.");
            return 1;
        }
        var paths = groups[0]!["paths"]!.AsArray();
        string folder = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!;
        byte[] shard = paths.SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p!.GetValue<string>()))).ToArray();
        groups[0]!["paths"] = new JsonArray(ShardName);
        byte[] json = System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
        using var file = File.Create(output);
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)json.Length);
        file.Write(prefix);
        file.Write(json);
        file.Write(shard);
        return 0;
    }

    /// <summary>Expands a bundle into a folder, e.g. to turn a finding into a test fixture.</summary>
    public static int Unpack(string input, string directory)
    {
        Console.WriteLine(Expand(File.ReadAllBytes(input), directory));
        return 0;
    }
}
