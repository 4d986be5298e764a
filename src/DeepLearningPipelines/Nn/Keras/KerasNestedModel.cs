using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Inlines a model used as a layer (e.g. a pretrained base inside a transfer-learning model): its layers join the outer
/// model reading the outer call's tensors instead of their own inputs, followed by an identity layer named after the
/// nested model so outer layers keep referring to it. Nested models with one output, called once, are supported.
/// </summary>
internal static class KerasNestedModel
{
    public static IEnumerable<KerasLayer> Inline(string name, KerasModel inner, IReadOnlyList<IReadOnlyList<KerasTensorRef>> calls, string source)
    {
        if (calls.Count != 1) throw new ModelFormatException($"{source}: nested model '{name}' is called {calls.Count} times; only one call is supported.");
        if (inner.Outputs.Count != 1) throw new ModelFormatException($"{source}: nested model '{name}' has {inner.Outputs.Count} outputs; only one is supported.");
        if (inner.Inputs.Count != calls[0].Count)
            throw new ModelFormatException($"{source}: nested model '{name}' has {inner.Inputs.Count} input(s) but is called on {calls[0].Count}.");
        var replacement = inner.Inputs.Zip(calls[0]).ToDictionary(p => p.First.Layer, p => p.Second, StringComparer.Ordinal);
        foreach (var layer in inner.Layers)
        {
            if (layer is InputLayer) continue;
            for (int i = 0; i < layer.Calls.Count; i++)
                layer.Calls[i] = layer.Calls[i].Select(r => replacement.GetValueOrDefault(r.Layer, r)).ToList();
            yield return layer;
        }
        var output = new ActivationLayer(name, "linear");
        output.Calls.Add([inner.Outputs[0]]);
        yield return output;
    }
}
