namespace DeepLearningPipelines.Frames.Joins;

/// <summary>
/// Key values compared by content, as Spark groups and joins: null equals null here (joins skip null keys
/// themselves), binary and array values compare element by element, and <c>NaN</c> equals <c>NaN</c> and
/// <c>-0.0</c> equals <c>0.0</c>.
/// </summary>
internal sealed class KeyTuple : IEquatable<KeyTuple>
{
    private readonly int _hash;

    public KeyTuple(object?[] values)
    {
        Values = values;
        _hash = Hash(values);
    }

    public object?[] Values { get; }

    /// <summary>True when a value is null: such a key never matches in an equi-join.</summary>
    public bool HasNull => Array.IndexOf(Values, null) >= 0;

    /// <summary>The key formed by one row of key columns.</summary>
    public static KeyTuple At(object?[][] columns, int row)
    {
        var v = new object?[columns.Length];
        for (int c = 0; c < v.Length; c++) v[c] = columns[c][row];
        return new KeyTuple(v);
    }

    /// <summary>The hash of one row of key columns; equal keys hash equally whichever plan they come from.</summary>
    public static int Hash(object?[][] columns, int row)
    {
        var h = new HashCode();
        foreach (var c in columns) h.Add(ValueHash(c[row]));
        return h.ToHashCode();
    }

    private static int Hash(object?[] values)
    {
        var h = new HashCode();
        foreach (var v in values) h.Add(ValueHash(v));
        return h.ToHashCode();
    }

    private static int ValueHash(object? v) => v switch
    {
        null => 0,
        double d => d == 0 ? 0 : double.IsNaN(d) ? double.NaN.GetHashCode() : d.GetHashCode(),
        float f => f == 0 ? 0 : float.IsNaN(f) ? float.NaN.GetHashCode() : f.GetHashCode(),
        byte[] or Array => SequenceHash((System.Collections.IList)v),
        _ => v.GetHashCode(),
    };

    private static int SequenceHash(System.Collections.IList items)
    {
        var h = new HashCode();
        foreach (var item in items) h.Add(ValueHash(item));
        return h.ToHashCode();
    }

    private static bool ValueEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => x == y || (double.IsNaN(x) && double.IsNaN(y)),
        (float x, float y) => x == y || (float.IsNaN(x) && float.IsNaN(y)),
        (Array x, Array y) => SequenceEquals(x, y),
        _ => a.Equals(b),
    };

    private static bool SequenceEquals(Array x, Array y)
    {
        if (x.Length != y.Length) return false;
        for (int i = 0; i < x.Length; i++)
            if (!ValueEquals(x.GetValue(i), y.GetValue(i))) return false;
        return true;
    }

    public bool Equals(KeyTuple? other)
    {
        if (other is null || other._hash != _hash || other.Values.Length != Values.Length) return false;
        for (int i = 0; i < Values.Length; i++)
            if (!ValueEquals(Values[i], other.Values[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is KeyTuple k && Equals(k);
    public override int GetHashCode() => _hash;
}
