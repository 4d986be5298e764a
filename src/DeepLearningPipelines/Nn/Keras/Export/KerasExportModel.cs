using System.Text.Json.Nodes;

namespace DeepLearningPipelines.Nn.Keras.Export;

/// <summary>
/// One Keras layer to write: its class, its Keras 2 <c>config</c>, the layers whose outputs it is called on, and its
/// weights in Keras layout and order (e.g. a Conv2D's <c>kernel</c> [kh, kw, in, out] then <c>bias</c>).
/// </summary>
internal sealed record KerasExportLayer(string Name, string ClassName, JsonObject Config, IReadOnlyList<string> Inbound, IReadOnlyList<(string Name, KerasWeight Weight)> Weights);

/// <summary>A functional Keras model to write: layers in call order, the input and output layers.</summary>
internal sealed record KerasExportModel(string Name, IReadOnlyList<KerasExportLayer> Layers, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs)
{
    /// <summary>The Keras 2 model config (<c>{"class_name": "Functional", "config": …}</c>), as <c>model.to_json()</c> gives it.</summary>
    public JsonObject ToConfig() => new()
    {
        ["class_name"] = "Functional",
        ["config"] = new JsonObject
        {
            ["name"] = Name,
            ["layers"] = new JsonArray(Layers.Select(Layer).ToArray()),
            ["input_layers"] = new JsonArray(Inputs.Select(TensorRef).ToArray()),
            ["output_layers"] = new JsonArray(Outputs.Select(TensorRef).ToArray()),
        },
    };

    private static JsonNode Layer(KerasExportLayer layer)
    {
        var config = layer.Config.DeepClone().AsObject();
        config.Insert(0, "name", layer.Name);
        var inbound = layer.Inbound.Count == 0 ? new JsonArray()
            : new JsonArray(new JsonArray(layer.Inbound.Select(i => (JsonNode)new JsonArray(i, 0, 0, new JsonObject())).ToArray()));
        return new JsonObject { ["class_name"] = layer.ClassName, ["config"] = config, ["name"] = layer.Name, ["inbound_nodes"] = inbound };
    }

    private static JsonNode TensorRef(string layer) => new JsonArray(layer, 0, 0);
}
