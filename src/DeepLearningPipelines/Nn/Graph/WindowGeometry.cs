using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>Builds kernel geometries from Conv and pooling nodes and their input shapes, validating as it goes.</summary>
internal static class WindowGeometry
{
    /// <summary>The convolution geometry of a Conv node reading NCHW <paramref name="x"/> with OIHW weights <paramref name="w"/>.</summary>
    public static Conv2dGeometry Conv(Node node, int[] x, int[] w)
    {
        if (x.Length != 4 || w.Length != 4)
            throw new ModelFormatException($"{node}: only 2-D convolution is supported; input {Tensor.Format(x)}, weights {Tensor.Format(w)}.");
        int group = node.Attributes.GetInt("group", 1);
        if (group < 1 || x[1] != w[1] * group || w[0] % group != 0)
            throw new ModelFormatException($"{node}: input {Tensor.Format(x)} does not fit weights {Tensor.Format(w)} with group {group}.");
        int[] kernel = node.Attributes.GetInts("kernel_shape") ?? [w[2], w[3]];
        if (kernel.Length != 2 || kernel[0] != w[2] || kernel[1] != w[3])
            throw new ModelFormatException($"{node}: kernel_shape {Tensor.Format(kernel)} disagrees with weights {Tensor.Format(w)}.");
        int[] strides = Pair(node, "strides"), dilations = Pair(node, "dilations");
        int[] pads = ConvPadding.Resolve(node, x[2], x[3], w[2], w[3], strides[0], strides[1], dilations[0], dilations[1]);
        var g = new Conv2dGeometry(x[0], x[1], x[2], x[3], w[0], w[2], w[3], strides[0], strides[1], dilations[0], dilations[1],
            pads[0], pads[1], pads[2], pads[3], group);
        if (g.OutH <= 0 || g.OutW <= 0)
            throw new ModelFormatException($"{node}: kernel {Tensor.Format(kernel)} does not fit input {Tensor.Format(x)} with pads {Tensor.Format(pads)}.");
        return g;
    }

    /// <summary>The pooling geometry of a MaxPool/AveragePool node reading NCHW <paramref name="x"/>.</summary>
    public static Pool2dGeometry Pool(Node node, int[] x)
    {
        if (x.Length != 4) throw new ModelFormatException($"{node}: only 2-D pooling over NCHW is supported; input {Tensor.Format(x)}.");
        int[] kernel = node.Attributes.GetInts("kernel_shape") ?? throw new ModelFormatException($"{node}: kernel_shape is required.");
        if (kernel.Length != 2) throw new ModelFormatException($"{node}: kernel_shape {Tensor.Format(kernel)} is not 2-D.");
        int[] strides = Pair(node, "strides");
        int[] dilations = Pair(node, "dilations");
        if (dilations[0] != 1 || dilations[1] != 1) throw new ModelFormatException($"{node}: dilated pooling is not supported.");
        int[] pads = ConvPadding.Resolve(node, x[2], x[3], kernel[0], kernel[1], strides[0], strides[1], 1, 1);
        var g = new Pool2dGeometry(x[0], x[1], x[2], x[3], kernel[0], kernel[1], strides[0], strides[1], pads[0], pads[1], pads[2], pads[3],
            node.Attributes.GetInt("ceil_mode", 0) != 0);
        if (g.OutH <= 0 || g.OutW <= 0)
            throw new ModelFormatException($"{node}: window {Tensor.Format(kernel)} does not fit input {Tensor.Format(x)}.");
        return g;
    }

    private static int[] Pair(Node node, string name)
    {
        int[] v = node.Attributes.GetInts(name) ?? [1, 1];
        if (v.Length != 2 || v[0] < 1 || v[1] < 1) throw new ModelFormatException($"{node}: {name} {Tensor.Format(v)} must be two positive values.");
        return v;
    }
}
