using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Networks;

/// <summary>
/// Keras' weight initializers by name: <c>glorot_uniform</c> (Keras' default for kernels), <c>glorot_normal</c>,
/// <c>he_normal</c>, <c>he_uniform</c>, <c>zeros</c> and <c>ones</c>. Fans follow Keras: for a kernel
/// [kh, kw, in, out] fan_in = kh·kw·in and fan_out = kh·kw·out; the normal forms draw from a normal truncated at two
/// standard deviations, its scale corrected by 0.8796 as Keras' <c>VarianceScaling</c> does.
/// </summary>
public sealed class WeightInitializer
{
    private const double TruncatedNormalStd = 0.87962566103423978;
    private static readonly string[] Names = ["glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "zeros", "ones"];

    private WeightInitializer(string name) => Name = name;

    /// <summary>The Keras name.</summary>
    public string Name { get; }

    /// <summary>The initializer named <paramref name="name"/> (any letter case).</summary>
    public static WeightInitializer Parse(string name)
    {
        string lower = name.ToLowerInvariant();
        return Names.Contains(lower) ? new WeightInitializer(lower)
            : throw new ParamException($"kernel initializer '{name}' is not supported; use one of {string.Join(", ", Names)}.");
    }

    /// <summary>Keras' default for a weight: Glorot-uniform kernels, zero biases, betas and means, unit gammas and variances.</summary>
    internal static WeightInitializer Default(string weightName) => weightName switch
    {
        "bias" or "beta" or "moving_mean" => new("zeros"),
        "gamma" or "moving_variance" => new("ones"),
        _ => new("glorot_uniform"),
    };

    /// <summary>Values for a weight of Keras shape <paramref name="shape"/>, drawn from <paramref name="random"/>.</summary>
    public float[] Create(int[] shape, SplitMix64 random)
    {
        var data = new float[shape.Aggregate(1, (a, d) => checked(a * d))];
        var (fanIn, fanOut) = Fans(shape);
        switch (Name)
        {
            case "zeros": break;
            case "ones": Array.Fill(data, 1f); break;
            case "glorot_uniform": Uniform(data, Math.Sqrt(6.0 / (fanIn + fanOut)), random); break;
            case "he_uniform": Uniform(data, Math.Sqrt(6.0 / fanIn), random); break;
            case "glorot_normal": TruncatedNormal(data, Math.Sqrt(2.0 / (fanIn + fanOut)) / TruncatedNormalStd, random); break;
            case "he_normal": TruncatedNormal(data, Math.Sqrt(2.0 / fanIn) / TruncatedNormalStd, random); break;
        }
        return data;
    }

    /// <summary>Keras' fans: a vector has fan_in = fan_out = its length; a kernel's receptive field multiplies its last two dimensions.</summary>
    public static (double FanIn, double FanOut) Fans(int[] shape)
    {
        if (shape.Length == 0) return (1, 1);
        if (shape.Length == 1) return (shape[0], shape[0]);
        double receptive = shape[..^2].Aggregate(1.0, (a, d) => a * d);
        return (shape[^2] * receptive, shape[^1] * receptive);
    }

    private static void Uniform(float[] data, double limit, SplitMix64 random)
    {
        for (int i = 0; i < data.Length; i++) data[i] = (float)((random.NextDouble() * 2 - 1) * limit);
    }

    private static void TruncatedNormal(float[] data, double std, SplitMix64 random)
    {
        for (int i = 0; i < data.Length; i++)
        {
            double z;
            do z = random.NextGaussian(); while (Math.Abs(z) > 2);
            data[i] = (float)(z * std);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
