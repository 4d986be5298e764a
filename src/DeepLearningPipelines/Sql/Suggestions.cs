namespace DeepLearningPipelines.Sql;

/// <summary>Lists of names for error messages, the closest to what was written first.</summary>
internal static class Suggestions
{
    /// <summary><paramref name="candidates"/> ordered by edit distance to <paramref name="written"/> (case-insensitive), as "[a, b, …]".</summary>
    public static string Closest(string written, IEnumerable<string> candidates, int max = 20)
    {
        var ordered = candidates.Distinct(StringComparer.Ordinal)
            .OrderBy(c => Distance(written.ToLowerInvariant(), c.ToLowerInvariant())).ThenBy(c => c, StringComparer.Ordinal).ToList();
        return $"[{string.Join(", ", ordered.Take(max))}{(ordered.Count > max ? $", … ({ordered.Count - max} more)" : "")}]";
    }

    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
