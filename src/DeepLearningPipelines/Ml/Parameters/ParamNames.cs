namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>How param names read in messages and how they map to the flat properties of a stage.</summary>
internal static class ParamNames
{
    /// <summary>The flat property of a param: its name with the first letter upper-cased (<c>regParam</c> → <c>RegParam</c>).</summary>
    public static string PropertyName(string paramName) =>
        paramName.Length == 0 ? paramName : char.ToUpperInvariant(paramName[0]) + paramName[1..];

    /// <summary>The message for a name <paramref name="owner"/> does not declare: the params, closest first.</summary>
    public static string Unknown(string owner, string name, IEnumerable<string> declared)
    {
        var ranked = declared.OrderBy(d => Distance(name, d)).ThenBy(d => d, StringComparer.Ordinal).ToArray();
        if (ranked.Length == 0) return $"{owner} has no param '{name}'; it has no params at all.";
        var hint = IsLikely(name, ranked[0]) ? $" Did you mean '{ranked[0]}'?" : "";
        return $"{owner} has no param '{name}'.{hint} Its params, closest first: {string.Join(", ", ranked)}.";
    }

    /// <summary>Whether <paramref name="candidate"/> is probably what <paramref name="name"/> meant: a few edits away, or one starts the other.</summary>
    private static bool IsLikely(string name, string candidate) =>
        Distance(name, candidate) <= Math.Max(2, name.Length / 3)
        || (Math.Min(name.Length, candidate.Length) >= 4
            && (name.StartsWith(candidate, StringComparison.OrdinalIgnoreCase) || candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Edit distance ignoring letter case, so <c>RegParam</c> is next to <c>regParam</c>.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
