namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>Common validators, as Spark's <c>ParamValidators</c>; each returns the check and its description.</summary>
public static class ParamValidators
{
    public static (Func<double, bool>, string) Gt(double lower) => (v => v > lower, $"> {lower}");
    public static (Func<double, bool>, string) GtEq(double lower) => (v => v >= lower, $">= {lower}");
    public static (Func<int, bool>, string) GtEq(int lower) => (v => v >= lower, $">= {lower}");
    public static (Func<int, bool>, string) Gt(int lower) => (v => v > lower, $"> {lower}");
    public static (Func<double, bool>, string) InRange(double lower, double upper) => (v => v >= lower && v <= upper, $"in [{lower}, {upper}]");
    public static (Func<string, bool>, string) InArray(params string[] allowed) =>
        (v => allowed.Contains(v, StringComparer.OrdinalIgnoreCase), "one of " + string.Join(", ", allowed));
    public static (Func<string, bool>, string) NotEmpty() => (v => !string.IsNullOrWhiteSpace(v), "a non-empty name");
}
