namespace DeepLearningPipelines.Nn.Keras.Layers;

/// <summary>Reorders Keras convolution kernels into the runtime's OIHW layout.</summary>
internal static class ConvKernels
{
    /// <summary>Keras [kh, kw, in, out] to [out, in, kh, kw].</summary>
    public static float[] HwioToOihw(float[] k, int kh, int kw, int cin, int cout)
    {
        var result = new float[k.Length == 0 ? 0 : kh * kw * cin * cout];
        for (int y = 0; y < kh; y++)
            for (int x = 0; x < kw; x++)
                for (int i = 0; i < cin; i++)
                {
                    int src = ((y * kw + x) * cin + i) * cout;
                    for (int o = 0; o < cout; o++) result[((o * cin + i) * kh + y) * kw + x] = k[src + o];
                }
        return result;
    }

    /// <summary>
    /// Keras depthwise [kh, kw, C, M] to a grouped kernel [C·M, 1, kh, kw]; output channel c·M + m, as TensorFlow orders them.
    /// </summary>
    public static float[] DepthwiseToGrouped(float[] k, int kh, int kw, int channels, int multiplier) =>
        HwioToOihw(k, kh, kw, 1, channels * multiplier);
}
