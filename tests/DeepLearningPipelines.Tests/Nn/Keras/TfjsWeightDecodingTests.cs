using System.Text.Json.Nodes;
using DeepLearningPipelines.Nn.Keras.Tfjs;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>TF.js weight encodings decoded as tfjs-core's <c>decodeWeight</c> does: float32, int32, bool, uint8/uint16 with scale and min, float16, and the <c>original_dtype</c> form.</summary>
public sealed class TfjsWeightDecodingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dlp-tfjs-weights-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EveryEncodingDecodes()
    {
        using (var shard = new BinaryWriter(File.Create(Path.Combine(_dir, "shard"))))
        {
            shard.Write(1.5f); shard.Write(-2.25f);               // f: float32
            shard.Write(7); shard.Write(-3);                       // i: int32
            shard.Write((byte)1); shard.Write((byte)0);            // b: bool
            shard.Write((byte)0); shard.Write((byte)255);          // q8: uint8, scale 0.5, min -1
            shard.Write((ushort)3); shard.Write((ushort)65535);    // q16: uint16, scale 0.001, min 2
            shard.Write((Half)0.333f); shard.Write((Half)(-8f));   // h: float16
            shard.Write((byte)3); shard.Write((byte)4);            // qi: uint8 → int32, scale 0.5, min 0.2 (rounded)
        }
        var manifest = JsonNode.Parse("""
            [{"paths": ["shard"], "weights": [
              {"name": "l/f", "shape": [2], "dtype": "float32"},
              {"name": "l/i", "shape": [2], "dtype": "int32"},
              {"name": "l/b", "shape": [2], "dtype": "bool"},
              {"name": "l/q8", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
              {"name": "l/q16", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint16", "scale": 0.001, "min": 2}},
              {"name": "l/h", "shape": [1, 2], "dtype": "float32", "quantization": {"dtype": "float16"}},
              {"name": "l/qi", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": 0.2, "original_dtype": "int32"}}
            ]}]
            """)!.AsArray();
        var weights = new TfjsWeights(manifest, _dir, "test manifest");
        float[] Get(string name) => weights.Find("l", name, [])!.Data;

        Assert.Equal([1.5f, -2.25f], Get("f"));
        Assert.Equal([7f, -3f], Get("i"));
        Assert.Equal([1f, 0f], Get("b"));
        Assert.Equal([-1f, 126.5f], Get("q8"));
        Assert.Equal([(float)(3 * 0.001 + 2), (float)(65535 * 0.001 + 2)], Get("q16"));
        Assert.Equal([(float)(Half)0.333f, -8f], Get("h"));
        Assert.Equal([1, 2], weights.Find("l", "h", [])!.Shape);
        Assert.Equal([2f, 2f], Get("qi")); // 1.7 and 2.2 rounded to integers
        Assert.Null(weights.Find("l", "missing", []));
    }
}
