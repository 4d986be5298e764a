using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Turns a <see cref="KerasModel"/> plus weights into the runtime's <see cref="ModelGraph"/>. The graph reads and writes
/// Keras layouts: inputs are channels-last (<c>[N, H, W, C]</c>), outputs have their Keras shapes; inside, images are
/// channels-first. Each layer's output value is named after the layer (a later call k: <c>name/call{k}</c>), so any
/// layer can be requested as an output. Only the layers the requested outputs depend on are built and need weights.
/// </summary>
public static class KerasGraphBuilder
{
    /// <param name="model">The architecture.</param>
    /// <param name="weights">Weights by layer name.</param>
    /// <param name="outputLayers">Layers whose (first-call) outputs become graph outputs; the model outputs when null.</param>
    public static ModelGraph Build(KerasModel model, IKerasWeightSource weights, IReadOnlyList<string>? outputLayers = null)
    {
        var outputs = OutputRefs(model, outputLayers);
        var graph = new ModelGraph { Name = model.Name };
        var emitter = new KerasGraphEmitter(graph);
        var values = new Dictionary<KerasTensorRef, KerasValue>();
        var layerWeights = new Dictionary<string, KerasLayerWeights>(StringComparer.Ordinal);

        foreach (var call in KerasCallOrder.Resolve(model, outputs))
        {
            var layer = call.Layer;
            var inputs = call.Inputs.Select(r => values[r with { TensorIndex = 0 }]).ToList();
            var inputShapes = inputs.Select(v => v.Shape).ToList();
            var (_, weightSpecs) = KerasShapeGuard.Shapes(model, layer, inputShapes, weights.Description);
            if (!layerWeights.TryGetValue(layer.Name, out var w))
                layerWeights[layer.Name] = w = new KerasLayerWeights(layer, weightSpecs, weights);

            string name = call.Index == 0 ? layer.Name : $"{layer.Name}/call{call.Index}";
            int nodesBefore = graph.Nodes.Count;
            KerasValue value;
            if (layer is InputLayer input)
            {
                value = input.Emit(emitter, inputs, w);
                graph.Inputs.Add(new ValueInfo(layer.Name, value.Shape));
            }
            else
            {
                value = Named(emitter, layer.Emit(emitter, inputs, w), name, nodesBefore);
            }
            values[new KerasTensorRef(layer.Name, call.Index)] = value;
        }

        foreach (var reference in outputs)
        {
            var value = values[reference];
            if (value.Rank == 4 && value.ChannelsFirst)
            {
                string inner = emitter.Unique($"{value.Name}/channels_first");
                emitter.Rename(value.Name, inner);
                emitter.ChannelsLastAs(value with { Name = inner }, value.Name);
            }
            graph.Outputs.Add(new ValueInfo(value.Name, value.Shape));
        }
        return graph;
    }

    /// <summary>Output shapes of every layer (first call) and the weights each layer needs, without building a graph.</summary>
    public static KerasModelSummary Summarize(KerasModel model)
    {
        var shapes = new Dictionary<KerasTensorRef, int[]>();
        var layerShapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var weights = new Dictionary<string, IReadOnlyList<KerasWeightSpec>>(StringComparer.Ordinal);
        foreach (var call in KerasCallOrder.Resolve(model, model.Outputs))
        {
            var inputShapes = call.Inputs.Select(r => shapes[r with { TensorIndex = 0 }]).ToList();
            var (shape, weightSpecs) = KerasShapeGuard.Shapes(model, call.Layer, inputShapes, $"model '{model.Name}'");
            shapes[new KerasTensorRef(call.Layer.Name, call.Index)] = shape;
            layerShapes.TryAdd(call.Layer.Name, shape);
            weights.TryAdd(call.Layer.Name, weightSpecs);
        }
        return new KerasModelSummary(layerShapes, weights);
    }

    private static List<KerasTensorRef> OutputRefs(KerasModel model, IReadOnlyList<string>? outputLayers)
    {
        if (outputLayers is null) return model.Outputs.Select(o => o with { TensorIndex = 0 }).ToList();
        if (outputLayers.Count == 0) throw new ArgumentException("At least one output layer is required.", nameof(outputLayers));
        foreach (var name in outputLayers)
            if (model.Find(name) is null)
                throw new ModelFormatException($"Output layer '{name}' does not exist in model '{model.Name}'.");
        return outputLayers.Distinct().Select(n => new KerasTensorRef(n)).ToList();
    }

    /// <summary>Gives the layer's final value the call's name, renaming a same-named intermediate of the layer out of the way.</summary>
    private static KerasValue Named(KerasGraphEmitter emitter, KerasValue value, string name, int nodesBefore)
    {
        if (value.Name == name) return value;
        bool producedHere = emitter.Graph.Nodes.Skip(nodesBefore).Any(n => n.Outputs.Contains(value.Name));
        if (!producedHere) return value with { Name = emitter.Add(OpKind.Identity, name, [value.Name]) };
        if (emitter.IsTaken(name)) emitter.Rename(name, emitter.Unique($"{name}/pre"));
        emitter.Rename(value.Name, name);
        return value with { Name = name };
    }
}

/// <summary>Per-layer output shapes (Keras layout, batch −1) and weight shapes of a model.</summary>
public sealed class KerasModelSummary(IReadOnlyDictionary<string, int[]> outputShapes, IReadOnlyDictionary<string, IReadOnlyList<KerasWeightSpec>> weights)
{
    /// <summary>Output shape of each layer's first call, by layer name.</summary>
    public IReadOnlyDictionary<string, int[]> OutputShapes { get; } = outputShapes;

    /// <summary>The weights of each layer, by layer name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<KerasWeightSpec>> Weights { get; } = weights;

    /// <summary>Total number of weight values (Keras' parameter count, trainable and not).</summary>
    public long Parameters => Weights.Values.SelectMany(w => w).Sum(w => w.Count);
}
