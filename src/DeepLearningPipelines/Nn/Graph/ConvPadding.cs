using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>Resolves the padding of a Conv or pooling node, including ONNX <c>auto_pad</c> (SAME_UPPER puts the odd pixel at the end).</summary>
internal static class ConvPadding
{
    /// <summary>Returns [top, left, bottom, right] for a 2-D window.</summary>
    public static int[] Resolve(Node node, int inH, int inW, int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW)
    {
        string autoPad = node.Attributes.GetString("auto_pad", "NOTSET");
        switch (autoPad)
        {
            case "NOTSET":
                int[] pads = node.Attributes.GetInts("pads") ?? [0, 0, 0, 0];
                if (pads.Length != 4) throw new ModelFormatException($"{node}: expected 4 pads for a 2-D window, got {pads.Length}.");
                return pads;
            case "VALID":
                return [0, 0, 0, 0];
            case "SAME_UPPER":
            case "SAME_LOWER":
                bool upper = autoPad == "SAME_UPPER";
                var (t, b) = Same(inH, kernelH, strideH, dilationH, upper);
                var (l, r) = Same(inW, kernelW, strideW, dilationW, upper);
                return [t, l, b, r];
            default:
                throw new ModelFormatException($"{node}: unknown auto_pad '{autoPad}'.");
        }
    }

    private static (int Begin, int End) Same(int input, int kernel, int stride, int dilation, bool upper)
    {
        int output = (input + stride - 1) / stride;
        int total = Math.Max(0, (output - 1) * stride + (kernel - 1) * dilation + 1 - input);
        int small = total / 2, large = total - small;
        return upper ? (small, large) : (large, small);
    }
}
