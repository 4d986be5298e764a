using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// The fallback row identity: a 64-bit hash of a row's values that is the same in every process and on every machine
/// (unlike <see cref="object.GetHashCode"/>). Rows with equal values get equal identities, so they land in the same split.
/// </summary>
internal static class RowValueHash
{
    /// <summary>The hash of every row of <paramref name="batch"/>.</summary>
    public static ulong[] Of(RowBatch batch)
    {
        var keys = new ulong[batch.RowCount];
        var columns = Enumerable.Range(0, batch.Schema.Count).Select(batch.ColumnValues).ToArray();
        for (int r = 0; r < keys.Length; r++)
        {
            ulong h = 0x243F6A8885A308D3UL;
            foreach (var column in columns) h = Add(h, column[r]);
            keys[r] = RowIdentity.Mix(h);
        }
        return keys;
    }

    private static ulong Add(ulong h, object? value)
    {
        switch (value)
        {
            case null: return Step(h, 0x6A09E667F3BCC908UL);
            case bool b: return Step(h, b ? 1UL : 2UL);
            case int i: return Step(h, (ulong)(long)i);
            case long l: return Step(h, (ulong)l);
            case double d: return Step(h, Bits(d));
            case float f: return Step(h, Bits(f));
            case string s: return Chars(Step(h, 3), s);
            case byte[] bytes:
                h = Step(h, (ulong)bytes.Length);
                foreach (var x in bytes) h = Step(h, x);
                return h;
            case DenseVector v:
                h = Step(h, (ulong)v.Size);
                foreach (var x in v.Values) h = Step(h, Bits(x));
                return h;
            case Vector v:
                h = Step(h, ~(ulong)v.Size);
                v.ForEachActive((i, x) => h = Step(Step(h, (ulong)i), Bits(x)));
                return h;
            case Row row:
                h = Step(h, (ulong)row.Length);
                for (int i = 0; i < row.Length; i++) h = Add(h, row[i]);
                return h;
            case System.Collections.IEnumerable items:
                h = Step(h, 4);
                foreach (var x in items) h = Add(h, x);
                return h;
            default: return Chars(Step(h, 5), ValueFormat.Plain(value));
        }
    }

    private static ulong Chars(ulong h, string s)
    {
        h = Step(h, (ulong)s.Length);
        foreach (char c in s) h = Step(h, c);
        return h;
    }

    /// <summary>Equal numbers hash alike whatever their sign of zero.</summary>
    private static ulong Bits(double d) => d == 0 ? 0 : (ulong)BitConverter.DoubleToInt64Bits(d);

    private static ulong Step(ulong h, ulong x) => RowIdentity.Mix(h ^ x) + 0x9E3779B97F4A7C15UL;
}
