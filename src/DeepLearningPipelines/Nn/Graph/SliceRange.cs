using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>The resolved box of a <see cref="OpKind.Slice"/> node over a concrete input shape: a begin and a size per axis.</summary>
internal sealed record SliceRange(int[] InputShape, int[] Begin, int[] OutputShape)
{
    /// <summary>Resolves the node's <c>starts</c>/<c>ends</c>/<c>axes</c> against <paramref name="input"/> with ONNX's clamping rules.</summary>
    public static SliceRange Of(Node node, int[] input)
    {
        var a = node.Attributes;
        int[] starts = a.GetInts("starts") ?? throw new ModelFormatException($"{node}: starts are required.");
        int[] ends = a.GetInts("ends") ?? throw new ModelFormatException($"{node}: ends are required.");
        int[] axes = a.GetInts("axes") ?? Enumerable.Range(0, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length)
            throw new ModelFormatException($"{node}: starts {Tensor.Format(starts)}, ends {Tensor.Format(ends)} and axes {Tensor.Format(axes)} differ in length.");
        int[] begin = new int[input.Length], shape = (int[])input.Clone();
        var seen = new HashSet<int>();
        for (int i = 0; i < axes.Length; i++)
        {
            int axis = ShapeInference.Axis(axes[i], input.Length), dim = input[axis];
            if (!seen.Add(axis)) throw new ModelFormatException($"{node}: axis {axes[i]} is sliced twice.");
            int from = Clamp(starts[i], dim), to = Clamp(ends[i], dim);
            begin[axis] = from;
            shape[axis] = Math.Max(0, to - from);
        }
        return new SliceRange(input, begin, shape);
    }

    private static int Clamp(int index, int dim) => Math.Clamp(index < 0 ? index + dim : index, 0, dim);
}
