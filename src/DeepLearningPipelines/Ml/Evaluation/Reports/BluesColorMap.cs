namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>Linear colour ramp from near-white (#f7fbff) to dark blue (#08306b), the ends of matplotlib's "Blues" map.</summary>
internal static class BluesColorMap
{
    /// <summary>The colour of <paramref name="shade"/> in [0, 1]; 0 is lightest.</summary>
    public static (byte Red, byte Green, byte Blue) At(double shade)
    {
        byte Mix(int light, int dark) => (byte)Math.Round(light + (dark - light) * shade);
        return (Mix(0xf7, 0x08), Mix(0xfb, 0x30), Mix(0xff, 0x6b));
    }

    /// <summary>The colour of <paramref name="shade"/> as "#rrggbb".</summary>
    public static string HexAt(double shade)
    {
        var (red, green, blue) = At(shade);
        return $"#{red:x2}{green:x2}{blue:x2}";
    }

    /// <summary>Shade of a cell: its count over the largest count, 0 when every count is 0.</summary>
    public static double Shade(double count, double maxCount) => maxCount > 0 ? count / maxCount : 0;
}
