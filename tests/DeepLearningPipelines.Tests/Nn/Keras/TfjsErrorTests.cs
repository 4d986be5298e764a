using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Tfjs;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>Malformed TF.js models: each error names the layer, weight, file or shapes concerned.</summary>
public sealed class TfjsErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dlp-tfjs-").FullName;

    public TfjsErrorTests()
    {
        foreach (var file in Directory.GetFiles(TfjsLayerMixTests.Folder).Where(f => !f.EndsWith("reference.json", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ModelPath => Path.Combine(_dir, "model.json");

    private void EditModel(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(ModelPath))!.AsObject();
        edit(root);
        File.WriteAllText(ModelPath, root.ToJsonString());
    }

    private static JsonArray Layers(JsonObject root) => root["modelTopology"]!["model_config"]!["config"]!["layers"]!.AsArray();

    private ModelFormatException LoadFails() => Assert.Throws<ModelFormatException>(() => TfjsModel.Load(ModelPath).ToGraph());

    [Fact]
    public void UnsupportedLayerNamesLayerAndClass()
    {
        EditModel(root => Layers(root).Single(l => (string)l!["name"]! == "relu")!["class_name"] = "LSTM");
        var ex = LoadFails();
        Assert.Contains("Layer 'relu' has class 'LSTM', which is not supported", ex.Message);
    }

    [Fact]
    public void InvalidJsonIsReported()
    {
        File.WriteAllText(ModelPath, "{ \"modelTopology\": ");
        Assert.Contains("is not valid JSON", LoadFails().Message);
    }

    [Fact]
    public void MissingTopologyIsReported()
    {
        EditModel(root => root.Remove("modelTopology"));
        Assert.Contains("no 'modelTopology'", LoadFails().Message);
    }

    [Fact]
    public void MissingInboundLayerIsNamed()
    {
        EditModel(root => Layers(root).Single(l => (string)l!["name"]! == "mul")!["inbound_nodes"] = JsonNode.Parse("[[[\"nowhere\", 0, 0, {}], [\"conv_a\", 0, 0, {}]]]"));
        Assert.Contains("layer 'mul' (Multiply) reads layer 'nowhere', which the model does not define", LoadFails().Message);
    }

    [Fact]
    public void MissingShardIsNamed()
    {
        File.Delete(Path.Combine(_dir, "group1-shard2of2"));
        Assert.Contains("weight shard 'group1-shard2of2' does not exist", LoadFails().Message);
    }

    [Fact]
    public void ShortShardNamesTheWeightCutShort()
    {
        string shard = Path.Combine(_dir, "group1-shard2of2");
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..100]);
        var ex = LoadFails();
        Assert.Contains("weight 'conv_b/kernel' [3,3,8,4] needs bytes 448–1600 of group 1 (group1-shard1of2, group1-shard2of2)", ex.Message);
        Assert.Contains("which holds only 1084 bytes", ex.Message);
    }

    [Fact]
    public void ShardOutsideTheModelFolderIsRejected()
    {
        EditModel(root => root["weightsManifest"]![0]!["paths"]![0] = "../group1-shard1of2");
        Assert.Contains("must be a file inside the model folder", LoadFails().Message);
    }

    [Fact]
    public void WeightShapeDisagreeingWithLayerNamesBoth()
    {
        // Conv2D conv_a reads 8 channels: a kernel declared [1,1,4,8] has the right size but the wrong shape.
        EditModel(root => root["weightsManifest"]![0]!["weights"]!.AsArray().Single(w => (string)w!["name"]! == "conv_a/kernel")!["shape"] = JsonNode.Parse("[1,1,4,8]"));
        var ex = LoadFails();
        Assert.Contains("layer 'conv_a' (Conv2D): weight 'kernel' has shape [1,1,4,8]", ex.Message);
        Assert.Contains("the layer needs [1,1,8,4]", ex.Message);
    }

    [Fact]
    public void QuantizationWithoutScaleIsRejected()
    {
        EditModel(root => root["weightsManifest"]![0]!["weights"]!.AsArray().Single(w => (string)w!["name"]! == "dense/kernel")!["quantization"]!.AsObject().Remove("scale"));
        Assert.Contains("weight 'dense/kernel' is quantized to uint8 without 'scale' and 'min'", LoadFails().Message);
    }

    [Fact]
    public void UnsupportedPaddingNamesLayer()
    {
        EditModel(root => Layers(root).Single(l => (string)l!["name"]! == "conv_b")!["config"]!["padding"] = "causal");
        Assert.Contains("Layer 'conv_b' (Conv2D): padding 'causal' is not supported", LoadFails().Message);
    }

    [Fact]
    public void UnknownOutputLayerIsNamed()
    {
        var ex = Assert.Throws<ModelFormatException>(() => TfjsModel.Load(ModelPath).ToGraph(["no_such_layer"]));
        Assert.Contains("Output layer 'no_such_layer' does not exist", ex.Message);
    }

    [Fact]
    public void ShardLongerThanTheManifestNamesTheShardAndBothSizes()
    {
        string shard = Path.Combine(_dir, "group1-shard2of2");
        File.WriteAllBytes(shard, [.. File.ReadAllBytes(shard), .. new byte[16]]);
        var ex = LoadFails();
        Assert.Contains("weight shard 'group1-shard2of2' of group 1 runs past its weights: the manifest's weights take 1968 bytes, the group's shards hold 1984 bytes", ex.Message);
        Assert.Contains("group1-shard1of2: 984, group1-shard2of2: 1000", ex.Message);
    }

    [Fact]
    public void QuantizedWeightWithABogusDtypeNamesTheWeightTheDtypeAndTheAllowedOnes()
    {
        EditModel(root => root["weightsManifest"]![0]!["weights"]!.AsArray().Single(w => (string)w!["name"]! == "dense/kernel")!["dtype"] = "complex64");
        Assert.Contains("quantized weight 'dense/kernel' has dtype 'complex64' (allowed for quantized weights: float32, int32)", LoadFails().Message);
    }

    [Fact]
    public void UnquantizedWeightWithABogusDtypeIsRejectedWhenTheManifestIsRead()
    {
        EditModel(root => root["weightsManifest"]![0]!["weights"]!.AsArray().Single(w => (string)w!["name"]! == "dense3/bias")!["dtype"] = "string");
        Assert.Contains("weight 'dense3/bias' has dtype 'string' (allowed: float32, int32, bool)", Assert.Throws<ModelFormatException>(() => TfjsModel.Load(ModelPath)).Message);
    }

    [Fact]
    public void InputTooLargeForATensorNamesTheFileTheLayerAndTheInput()
    {
        EditModel(root => Layers(root).Single(l => (string)l!["name"]! == "input_1")!["config"]!["batch_input_shape"] = JsonNode.Parse("[null, 100000, 100000, 2]"));
        var ex = LoadFails();
        Assert.Contains(ModelPath, ex.Message);
        Assert.Contains("layer 'input_1' (InputLayer): its output (None, 100000, 100000, 2) does not fit a tensor", ex.Message);
    }

    [Fact]
    public void FormatThatIsNotAStringIsRejected()
    {
        EditModel(root => root["format"] = 5);
        Assert.Contains("has format 5; only TF.js layers models", LoadFails().Message);
    }

    [Fact]
    public void ANegativeInputSizeNamesTheLayer()
    {
        EditModel(root => Layers(root).Single(l => (string)l!["name"]! == "input_1")!["config"]!["batch_input_shape"] = JsonNode.Parse("[null, 7, -7, 2]"));
        Assert.Contains("layer 'input_1' (InputLayer): its output (None, 7, -7, 2) has a negative size", LoadFails().Message);
    }
}
