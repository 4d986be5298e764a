using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>One call of a layer (a Keras "node"): the layer and the index of the call.</summary>
internal sealed record KerasCall(KerasLayer Layer, int Index)
{
    public IReadOnlyList<KerasTensorRef> Inputs => Layer is InputLayer ? [] : Layer.Calls[Index];
}

/// <summary>Orders the layer calls a set of model outputs depends on so that every call follows the calls it reads.</summary>
internal static class KerasCallOrder
{
    public static List<KerasCall> Resolve(KerasModel model, IReadOnlyList<KerasTensorRef> outputs)
    {
        var layers = new Dictionary<string, KerasLayer>(StringComparer.Ordinal);
        foreach (var layer in model.Layers)
            if (!layers.TryAdd(layer.Name, layer)) throw new ModelFormatException($"Model '{model.Name}' has two layers named '{layer.Name}'.");

        var order = new List<KerasCall>();
        var state = new Dictionary<(string, int), bool>(); // false: in progress, true: done
        foreach (var output in outputs) Visit(output, "model outputs");
        return order;

        void Visit(KerasTensorRef reference, string reader)
        {
            if (!layers.TryGetValue(reference.Layer, out var layer))
                throw new ModelFormatException($"{reader} reads layer '{reference.Layer}', which the model does not define.");
            int calls = layer is InputLayer ? 1 : layer.Calls.Count;
            if (reference.NodeIndex < 0 || reference.NodeIndex >= calls)
                throw new ModelFormatException($"{reader} reads call {reference.NodeIndex} of {layer.Describe}, which has {calls} call(s).");
            if (reference.TensorIndex != 0)
                throw new ModelFormatException($"{reader} reads output {reference.TensorIndex} of {layer.Describe}; only single-output layers are supported.");
            var key = (layer.Name, reference.NodeIndex);
            if (state.TryGetValue(key, out bool done))
            {
                if (!done) throw new ModelFormatException($"{layer.Describe} depends on its own output (the model graph has a cycle).");
                return;
            }
            state[key] = false;
            var call = new KerasCall(layer, reference.NodeIndex);
            foreach (var input in call.Inputs) Visit(input, layer.Describe);
            state[key] = true;
            order.Add(call);
        }
    }
}
