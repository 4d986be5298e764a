using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Keras.Tfjs;

/// <summary>A TF.js "layers" model: <c>model.json</c> (Keras topology plus weights manifest) and its binary weight shards.</summary>
public sealed class TfjsModel
{
    /// <summary>The Keras architecture from <c>modelTopology</c>.</summary>
    public KerasModel Architecture { get; }

    /// <summary>The weights listed in <c>weightsManifest</c>.</summary>
    public TfjsWeights Weights { get; }

    private TfjsModel(KerasModel architecture, TfjsWeights weights) => (Architecture, Weights) = (architecture, weights);

    /// <summary>Reads <paramref name="modelJsonPath"/> and the shards it lists (relative to its folder).</summary>
    public static TfjsModel Load(string modelJsonPath)
    {
        if (!File.Exists(modelJsonPath)) throw new ModelFormatException($"TF.js model file '{modelJsonPath}' does not exist.");
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(modelJsonPath), documentOptions: KerasConfigParser.JsonOptions) as JsonObject ?? throw new ModelFormatException($"{modelJsonPath} is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{modelJsonPath} is not valid JSON: {ex.Message}", ex);
        }
        if (root["modelTopology"] is not JsonObject)
            throw new ModelFormatException($"{modelJsonPath} has no 'modelTopology' object (is it a TF.js layers model?).");
        if (root["format"] is { } format && (format.GetValueKind() != JsonValueKind.String || format.GetValue<string>() != "layers-model"))
            throw new ModelFormatException($"{modelJsonPath} has format {format.ToJsonString()}; only TF.js layers models (\"layers-model\") are supported.");
        var manifest = root["weightsManifest"] as JsonArray ?? throw new ModelFormatException($"{modelJsonPath} has no 'weightsManifest' list.");
        try
        {
            var architecture = KerasConfigParser.Parse(root, modelJsonPath);
            var weights = new TfjsWeights(manifest, Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!, modelJsonPath);
            return new TfjsModel(architecture, weights);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidCastException)
        {
            // A JSON value of the wrong kind where the topology or manifest expects another.
            throw new ModelFormatException($"{modelJsonPath} is not a well-formed TF.js layers model: {ex.Message}", ex);
        }
    }

    /// <summary>Builds the runtime graph; <paramref name="outputLayers"/> selects outputs by layer name (the model outputs by default).</summary>
    public Graph.ModelGraph ToGraph(IReadOnlyList<string>? outputLayers = null) => KerasGraphBuilder.Build(Architecture, Weights, outputLayers);
}
