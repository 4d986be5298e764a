using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>
/// Works out a layer's output and weight shapes and rejects any whose element count does not fit a tensor
/// (<see cref="int.MaxValue"/> elements per example) or whose arithmetic overflows, naming the model file, the
/// layer, its input shapes and the model's inputs. Negative sizes are rejected the same way.
/// </summary>
internal static class KerasShapeGuard
{
    /// <summary>The layer's output shape and weight specs for <paramref name="inputShapes"/>.</summary>
    public static (int[] Output, IReadOnlyList<KerasWeightSpec> Weights) Shapes(KerasModel model, KerasLayer layer, IReadOnlyList<int[]> inputShapes, string source)
    {
        int[] output;
        IReadOnlyList<KerasWeightSpec> weights;
        try
        {
            output = layer.OutputShape(inputShapes);
            weights = layer.WeightShapes(inputShapes);
        }
        catch (OverflowException)
        {
            throw Invalid(model, layer, inputShapes, source, "its output size overflows");
        }
        if (output.Skip(1).Any(d => d < 0))
            throw Invalid(model, layer, inputShapes, source, $"its output {Format(output)} has a negative size");
        if (!Fits(output.Skip(1)))
            throw Invalid(model, layer, inputShapes, source, $"its output {Format(output)} does not fit a tensor ({int.MaxValue:N0} elements at most per example)");
        if (weights.FirstOrDefault(w => w.Shape.Any(d => d < 0) || !Fits(w.Shape)) is { } weight)
            throw Invalid(model, layer, inputShapes, source, $"its weight '{weight.Name}' {Tensor.Format(weight.Shape)} does not fit a tensor");
        return (output, weights);
    }

    private static bool Fits(IEnumerable<int> dims)
    {
        long count = 1;
        foreach (int d in dims)
        {
            count *= d;
            if (count > int.MaxValue) return false;
        }
        return true;
    }

    private static ModelFormatException Invalid(KerasModel model, KerasLayer layer, IReadOnlyList<int[]> inputShapes, string source, string what)
    {
        var modelInputs = model.Layers.OfType<InputLayer>().Select(i => $"'{i.Name}' {Format([-1, .. i.Shape])}");
        string on = inputShapes.Count == 0 ? "" : $" on input {string.Join(" and ", inputShapes.Select(Format))}";
        return new ModelFormatException(
            $"{source}: {layer.Describe}{on}: {what}. " +
            $"Model input(s): {string.Join(", ", modelInputs)}.");
    }

    /// <summary>Keras' shape notation with the batch as None, printing any other negative size as it is.</summary>
    private static string Format(int[] shape) => "(" + string.Join(", ", shape.Select((d, i) => i == 0 && d < 0 ? "None" : d.ToString())) + ")";
}
