namespace DeepLearningPipelines.Nn.Keras;

/// <summary>Formatting of Keras shapes (batch −1 printed as <c>None</c>).</summary>
public static class KerasShape
{
    /// <summary>Formats a shape as Keras prints it, e.g. <c>(None, 224, 224, 3)</c>.</summary>
    public static string Format(IEnumerable<int> shape) => "(" + string.Join(", ", shape.Select(d => d < 0 ? "None" : d.ToString())) + ")";

    /// <summary>Number of elements of a shape without its batch dimension; throws <see cref="OverflowException"/> past <see cref="long.MaxValue"/>.</summary>
    public static long PerExample(int[] shape) => shape.Skip(1).Aggregate(1L, (a, d) => checked(a * d));
}

/// <summary>Keras padding modes of convolutions and pooling.</summary>
public enum KerasPadding
{
    /// <summary>No padding; windows that do not fit are dropped.</summary>
    Valid,
    /// <summary>TensorFlow SAME: output = ⌈input / stride⌉, total padding split with the extra row/column at the bottom/right.</summary>
    Same,
}

/// <summary>A 2-D sliding window (kernel, strides, dilation, padding) with TensorFlow's output-size and padding rules.</summary>
public readonly record struct KerasWindow(int KernelH, int KernelW, int StrideH = 1, int StrideW = 1, KerasPadding Padding = KerasPadding.Valid, int DilationH = 1, int DilationW = 1)
{
    /// <summary>Square window helper.</summary>
    public static KerasWindow Square(int kernel, int stride = 1, KerasPadding padding = KerasPadding.Valid) => new(kernel, kernel, stride, stride, padding);

    /// <summary>Output height and width for an input of <paramref name="h"/>×<paramref name="w"/> (0 or less: does not fit).</summary>
    public (int H, int W) Output(int h, int w) => (Axis(h, KernelH, StrideH, DilationH).Out, Axis(w, KernelW, StrideW, DilationW).Out);

    /// <summary>Padding [top, left, bottom, right] for an input of <paramref name="h"/>×<paramref name="w"/>.</summary>
    public int[] Pads(int h, int w)
    {
        var (_, top, bottom) = Axis(h, KernelH, StrideH, DilationH);
        var (_, left, right) = Axis(w, KernelW, StrideW, DilationW);
        return [top, left, bottom, right];
    }

    private (int Out, int Begin, int End) Axis(int input, int kernel, int stride, int dilation)
    {
        int effective = checked((kernel - 1) * dilation + 1);
        if (Padding == KerasPadding.Valid) return (input >= effective ? (input - effective) / stride + 1 : 0, 0, 0);
        int output = checked(input + stride - 1) / stride;
        int total = Math.Max(0, checked((output - 1) * stride + effective - input));
        return (output, total / 2, total - total / 2);
    }
}
