using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>The held side of a hash join: its rows and, per non-null key, the rows that have it.</summary>
internal sealed class BuildTable
{
    private readonly Dictionary<KeyTuple, List<int>> _index = new();

    public BuildTable(IEnumerable<RowBatch> batches, Func<RowBatch, object?[]>[] keys)
    {
        foreach (var batch in batches)
        {
            var keyColumns = keys.Select(k => k(batch)).ToArray();
            for (int r = 0; r < batch.RowCount; r++)
            {
                var key = KeyTuple.At(keyColumns, r);
                if (!key.HasNull)
                {
                    if (!_index.TryGetValue(key, out var rows)) _index[key] = rows = [];
                    rows.Add(Rows.Count);
                }
                Rows.Add(batch.RowValues(r));
            }
        }
    }

    /// <summary>Every held row, null keys included (a full outer join outputs them unmatched).</summary>
    public List<object?[]> Rows { get; } = [];

    /// <summary>The rows whose key equals <paramref name="key"/>; none for a key with a null.</summary>
    public IReadOnlyList<int> Matches(KeyTuple key) =>
        !key.HasNull && _index.TryGetValue(key, out var rows) ? rows : [];
}
