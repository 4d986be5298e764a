namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>Common validators, as Spark's <c>ParamValidators</c>; each returns the check and its description.</summary>
public static class ParamValidators
{
    public static (Func<double, bool>, string) Gt(double lower) => (v => v > lower, $"> {lower}");
    public static (Func<double, bool>, string) GtEq(double lower) => (v => v >= lower, $">= {lower}");
    public static (Func<int, bool>, string) GtEq(int lower) => (v => v >= lower, $">= {lower}");
    public static (Func<int, bool>, string) Gt(int lower) => (v => v > lower, $"> {lower}");
    public static (Func<double, bool>, string) InRange(double lower, double upper) => (v => v >= lower && v <= upper, $"in [{lower}, {upper}]");

    /// <summary>
    /// One of <paramref name="allowed"/>, in any letter case; the param stores the spelling listed here, so every
    /// consumer (and the saved metadata) sees the canonical value.
    /// </summary>
    public static AllowedStrings InArray(params string[] allowed) => new(allowed);

    public static (Func<string, bool>, string) NotEmpty() => (v => !string.IsNullOrWhiteSpace(v), "a non-empty name");
}

/// <summary>The values an enum-like string param accepts, matched ignoring letter case.</summary>
public sealed class AllowedStrings
{
    private readonly string[] _values;

    public AllowedStrings(params string[] values)
    {
        if (values.Length == 0) throw new ArgumentException("At least one allowed value is needed.", nameof(values));
        _values = (string[])values.Clone();
    }

    /// <summary>The accepted values in their canonical spelling.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>The canonical spelling of <paramref name="value"/>, or null when it is not one of the values.</summary>
    public string? Canonical(string? value) =>
        value is null ? null : Array.Find(_values, v => v.Equals(value, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the requirement reads in messages and <c>ExplainParams</c>.</summary>
    public string Requirement => "one of " + string.Join(", ", _values);
}
