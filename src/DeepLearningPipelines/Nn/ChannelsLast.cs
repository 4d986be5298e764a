using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn;

/// <summary>
/// Conversions between the runtime's NCHW/OIHW layouts and the channels-last layouts of Keras and TF.js, for
/// importers and callers holding NHWC images.
/// </summary>
public static class ChannelsLast
{
    /// <summary>NHWC image batch → NCHW tensor.</summary>
    public static Tensor NhwcToNchw(Tensor nhwc) => Permute(nhwc, 4, [0, 3, 1, 2]);

    /// <summary>NCHW tensor → NHWC.</summary>
    public static Tensor NchwToNhwc(Tensor nchw) => Permute(nchw, 4, [0, 2, 3, 1]);

    /// <summary>Keras/TF convolution kernel <c>[KH, KW, In, Out]</c> → ONNX <c>[Out, In, KH, KW]</c>.</summary>
    public static Tensor HwioToOihw(Tensor hwio) => Permute(hwio, 4, [3, 2, 0, 1]);

    /// <summary>
    /// Keras/TF depthwise kernel <c>[KH, KW, C, M]</c> (M = channel multiplier) → grouped-convolution weights
    /// <c>[C·M, 1, KH, KW]</c> for a Conv with <c>group = C</c> (output channel c·M + m).
    /// </summary>
    public static Tensor DepthwiseHwcmToOihw(Tensor hwcm)
    {
        var chwm = Permute(hwcm, 4, [2, 3, 0, 1]);
        int[] s = hwcm.Shape;
        return new Tensor(chwm.Buffer, s[2] * s[3], 1, s[0], s[1]);
    }

    private static Tensor Permute(Tensor x, int rank, int[] perm)
    {
        if (x.Rank != rank) throw new ArgumentException($"Expected a rank-{rank} tensor, got {Tensor.Format(x.Shape)}.", nameof(x));
        var data = new float[x.Length];
        ShapeOps.Transpose(x.Span, x.Shape, perm, data);
        return new Tensor(data, perm.Select(p => x.Shape[p]).ToArray());
    }
}
