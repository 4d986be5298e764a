using System.Globalization;

namespace DeepLearningPipelines.Core;

/// <summary>Formats numbers the way the JVM prints them, so that output reads like Spark's.</summary>
public static class JavaFormat
{
    /// <summary>Java's <c>Double.toString</c>: <c>1.0</c>, <c>0.3396</c>, <c>1.0E-5</c>, <c>NaN</c>, <c>Infinity</c>.</summary>
    public static string Double(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return 1 / d < 0 ? "-0.0" : "0.0";
        return FromShortest(d.ToString("R", CultureInfo.InvariantCulture), Math.Abs(d));
    }

    /// <summary>Java's <c>Float.toString</c>.</summary>
    public static string Float(float f)
    {
        if (float.IsNaN(f) || float.IsInfinity(f) || f == 0) return Double(f);
        return FromShortest(f.ToString("R", CultureInfo.InvariantCulture), Math.Abs(f));
    }

    private static string FromShortest(string shortest, double magnitude)
    {
        bool negative = shortest.StartsWith('-');
        var s = negative ? shortest[1..] : shortest;
        // Split into significant digits and a decimal exponent: value = 0.d1d2d3... × 10^pointPos
        int exp = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0) { exp = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture); s = s[..e]; }
        int dot = s.IndexOf('.');
        string intPart = dot >= 0 ? s[..dot] : s, frac = dot >= 0 ? s[(dot + 1)..] : "";
        string digits = (intPart + frac).TrimStart('0');
        int leadingZeros = (intPart + frac).Length - digits.Length;
        int pointPos = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        string body;
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (pointPos <= 0) body = "0." + new string('0', -pointPos) + digits;
            else if (pointPos >= digits.Length) body = digits + new string('0', pointPos - digits.Length) + ".0";
            else body = digits[..pointPos] + "." + digits[pointPos..];
        }
        else
        {
            body = digits[..1] + "." + (digits.Length > 1 ? digits[1..] : "0") + "E" + (pointPos - 1).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + body : body;
    }
}
