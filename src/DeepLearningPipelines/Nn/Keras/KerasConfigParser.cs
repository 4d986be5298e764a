using System.Text.Json;
using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Parses a Keras model config (<c>{"class_name": "Model"|"Functional"|"Sequential", "config": …}</c>) as found in a
/// TF.js <c>model.json</c> (<c>modelTopology</c>, possibly wrapped in <c>model_config</c>) or in the <c>model_config</c>
/// attribute of a Keras HDF5 file. Understands Keras 2 inbound-node lists and Keras 3 <c>args</c>/<c>keras_history</c> forms,
/// and inlines models used as layers (<see cref="KerasNestedModel"/>).
/// </summary>
public static class KerasConfigParser
{
    /// <summary>JSON reading options for model files: a repeated property name is a parse error, not a later ArgumentException.</summary>
    internal static readonly JsonDocumentOptions JsonOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Parses JSON text holding a model config, a <c>model_config</c> wrapper or a whole TF.js model.json.</summary>
    public static KerasModel Parse(string json, string source = "Keras model config")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelFormatException($"{source} is not valid JSON: {ex.Message}", ex);
        }
        return Parse(root as JsonObject ?? throw new ModelFormatException($"{source} is not a JSON object."), source);
    }

    /// <summary>Parses a JSON object holding a model config, a <c>model_config</c> wrapper or a whole TF.js model.json.</summary>
    public static KerasModel Parse(JsonObject root, string source = "Keras model config")
    {
        var model = Unwrap(root, source);
        string className = model["class_name"]?.GetValue<string>() ?? throw new ModelFormatException($"{source}: the model config has no 'class_name'.");
        var config = model["config"] ?? throw new ModelFormatException($"{source}: the model config has no 'config'.");
        try
        {
            return className switch
            {
                "Model" or "Functional" => Functional(config as JsonObject ?? throw new ModelFormatException($"{source}: 'config' is not an object."), source),
                "Sequential" => Sequential(config, source),
                _ => throw new ModelFormatException($"{source}: model class '{className}' is not supported (only Model, Functional and Sequential)."),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException or KeyNotFoundException)
        {
            throw new ModelFormatException($"{source}: the model config is malformed ({ex.Message}).", ex);
        }
    }

    private static JsonObject Unwrap(JsonObject root, string source)
    {
        var node = root;
        if (node["modelTopology"] is JsonObject topology) node = topology;
        if (node["model_config"] is JsonObject wrapped) node = wrapped;
        if (node["class_name"] is null) throw new ModelFormatException($"{source} holds no Keras model config (no 'class_name', 'model_config' or 'modelTopology').");
        return node;
    }

    private static KerasModel Functional(JsonObject config, string source)
    {
        string name = config["name"]?.GetValue<string>() ?? "model";
        var layersJson = config["layers"] as JsonArray ?? throw new ModelFormatException($"{source}: the model config has no 'layers' list.");
        var layers = new List<KerasLayer>();
        foreach (var node in layersJson)
        {
            if (Nested(node, source) is var (nestedName, inner, json))
            {
                var calls = (json["inbound_nodes"] as JsonArray ?? []).Select(c => InboundCall(c, nestedName, source)).ToList();
                layers.AddRange(KerasNestedModel.Inline(nestedName, inner, calls, source));
                continue;
            }
            var (layer, layerJson) = Layer(node, source);
            foreach (var call in layerJson["inbound_nodes"] as JsonArray ?? [])
                layer.Calls.Add(InboundCall(call, layer.Name, source));
            layers.Add(layer);
        }
        var inputs = TensorRefs(config["input_layers"], "input_layers", source);
        var outputs = TensorRefs(config["output_layers"], "output_layers", source);
        foreach (var input in inputs)
            if (layers.FirstOrDefault(l => l.Name == input.Layer) is not InputLayer)
                throw new ModelFormatException($"{source}: model input '{input.Layer}' is not an InputLayer.");
        return new KerasModel(name, layers, inputs, outputs);
    }

    private static KerasModel Sequential(JsonNode config, string source)
    {
        var layersJson = (config as JsonArray ?? config["layers"] as JsonArray) ?? throw new ModelFormatException($"{source}: the Sequential config has no 'layers' list.");
        string name = (config as JsonObject)?["name"]?.GetValue<string>() ?? "sequential";
        var layers = new List<KerasLayer>();
        foreach (var node in layersJson)
        {
            if (Nested(node, source) is var (nestedName, inner, _))
            {
                if (layers.Count == 0) layers.Add(inner.Layers.First(l => l.Name == inner.Inputs[0].Layer));
                layers.AddRange(KerasNestedModel.Inline(nestedName, inner, [[new KerasTensorRef(layers[^1].Name)]], source));
                continue;
            }
            var (layer, json) = Layer(node, source);
            if (layers.Count == 0 && layer is not InputLayer)
            {
                var layerConfig = (JsonObject)json["config"]!;
                string key = layerConfig["batch_input_shape"] is not null ? "batch_input_shape" : "batch_shape";
                if (layerConfig[key] is null) throw new ModelFormatException($"{source}: the first layer '{layer.Name}' of the Sequential model declares no input shape.");
                layers.Add(new InputLayer($"{layer.Name}_input", new KerasLayerConfig(layer.Name, layer.ClassName, layerConfig).Shape(key)));
            }
            if (layer is not InputLayer) layer.Calls.Add([new KerasTensorRef(layers[^1].Name)]);
            layers.Add(layer);
        }
        if (layers.Count == 0) throw new ModelFormatException($"{source}: the Sequential model has no layers.");
        return new KerasModel(name, layers, [new KerasTensorRef(layers[0].Name)], [new KerasTensorRef(layers[^1].Name)]);
    }

    /// <summary>A layer entry that is itself a model (Model, Functional or Sequential), parsed; null for ordinary layers.</summary>
    private static (string Name, KerasModel Model, JsonObject Json)? Nested(JsonNode? node, string source)
    {
        if (node is not JsonObject json || json["class_name"]?.GetValue<string>() is not ("Model" or "Functional" or "Sequential")) return null;
        string name = json["name"]?.GetValue<string>() ?? json["config"]?["name"]?.GetValue<string>() ?? throw new ModelFormatException($"{source}: a nested model has no name.");
        return (name, Parse(json, $"{source} (nested model '{name}')"), json);
    }

    private static (KerasLayer Layer, JsonObject Json) Layer(JsonNode? node, string source)
    {
        var json = node as JsonObject ?? throw new ModelFormatException($"{source}: a layer entry is not an object.");
        var config = json["config"] as JsonObject ?? throw new ModelFormatException($"{source}: layer {json["name"]?.ToJsonString() ?? "?"} has no 'config' object.");
        string name = json["name"]?.GetValue<string>() ?? config["name"]?.GetValue<string>() ?? throw new ModelFormatException($"{source}: a layer has no name.");
        string className = json["class_name"]?.GetValue<string>() ?? throw new ModelFormatException($"{source}: layer '{name}' has no 'class_name'.");
        return (KerasLayerFactory.Create(name, className, config), json);
    }

    /// <summary>One inbound node: Keras 2 <c>[["layer", node, tensor, {kwargs}], …]</c> or Keras 3 <c>{"args": [...]}</c>.</summary>
    private static IReadOnlyList<KerasTensorRef> InboundCall(JsonNode? call, string layer, string source)
    {
        var refs = new List<KerasTensorRef>();
        if (call is JsonArray list)
        {
            foreach (var entry in list)
                refs.Add(entry is JsonArray { Count: >= 3 } e
                    ? new KerasTensorRef(e[0]!.GetValue<string>(), e[1]!.GetValue<int>(), e[2]!.GetValue<int>())
                    : throw new ModelFormatException($"{source}: layer '{layer}' has a malformed inbound node {entry?.ToJsonString()}."));
        }
        else if (call is JsonObject obj)
        {
            CollectHistory(obj["args"], refs);
        }
        if (refs.Count == 0) throw new ModelFormatException($"{source}: layer '{layer}' has an inbound node without inputs.");
        return refs;
    }

    private static void CollectHistory(JsonNode? node, List<KerasTensorRef> refs)
    {
        switch (node)
        {
            case JsonObject o when o["class_name"]?.GetValue<string>() == "__keras_tensor__":
                var h = o["config"]?["keras_history"] as JsonArray;
                if (h is { Count: 3 }) refs.Add(new KerasTensorRef(h[0]!.GetValue<string>(), h[1]!.GetValue<int>(), h[2]!.GetValue<int>()));
                break;
            case JsonArray a:
                foreach (var item in a) CollectHistory(item, refs);
                break;
        }
    }

    private static List<KerasTensorRef> TensorRefs(JsonNode? node, string key, string source)
    {
        if (node is not JsonArray array || array.Count == 0) throw new ModelFormatException($"{source}: the model config has no '{key}'.");
        if (array[0] is JsonValue) return [Ref(array)];
        return array.Select(e => Ref(e as JsonArray ?? throw new ModelFormatException($"{source}: '{key}' entry {e?.ToJsonString()} is malformed."))).ToList();

        KerasTensorRef Ref(JsonArray e) => e.Count >= 3 ? new(e[0]!.GetValue<string>(), e[1]!.GetValue<int>(), e[2]!.GetValue<int>())
            : throw new ModelFormatException($"{source}: '{key}' entry {e.ToJsonString()} is malformed.");
    }
}
