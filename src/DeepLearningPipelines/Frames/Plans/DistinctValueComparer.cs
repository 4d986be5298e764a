using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>Value equality for the distinct aggregates: structs (<see cref="Row"/>s) compare field by field.</summary>
internal sealed class DistinctValueComparer : IEqualityComparer<object?>
{
    public static readonly DistinctValueComparer Instance = new();

    public new bool Equals(object? x, object? y) => (x, y) switch
    {
        (Row a, Row b) => a.Values().SequenceEqual(b.Values(), this),
        _ => object.Equals(x, y),
    };

    public int GetHashCode(object? value)
    {
        if (value is not Row row) return value?.GetHashCode() ?? 0;
        var h = new HashCode();
        foreach (var v in row.Values()) h.Add(GetHashCode(v));
        return h.ToHashCode();
    }
}
