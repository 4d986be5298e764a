namespace DeepLearningPipelines.Nn.Graph;

/// <summary>A named graph input or output with its shape; −1 marks a dimension fixed only at run time (usually the batch).</summary>
public sealed record ValueInfo(string Name, int[] Shape)
{
    /// <summary>True when <paramref name="shape"/> has the same rank and agrees on every fixed dimension.</summary>
    public bool Accepts(ReadOnlySpan<int> shape)
    {
        if (shape.Length != Shape.Length) return false;
        for (int i = 0; i < shape.Length; i++)
            if (Shape[i] >= 0 && Shape[i] != shape[i]) return false;
        return true;
    }

    /// <summary>The shape formatted with <c>N</c> for dynamic dimensions, e.g. <c>[N,3,224,224]</c>.</summary>
    public string ShapeText => "[" + string.Join(",", Shape.Select(d => d < 0 ? "N" : d.ToString())) + "]";
}
