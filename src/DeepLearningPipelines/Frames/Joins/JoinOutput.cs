using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>
/// The columns a join outputs, each taken from the left row, the right row, or the first non-null of both (the key
/// of a full outer join on column names), as Spark lays them out.
/// </summary>
internal sealed class JoinOutput
{
    private readonly (int Left, int Right, DataType? Convert)[] _sources;

    private JoinOutput(StructType schema, (int Left, int Right, DataType? Convert)[] sources)
    {
        Schema = schema;
        _sources = sources;
    }

    public StructType Schema { get; }

    /// <summary>Every left column, then (unless <paramref name="leftOnly"/>) every right column; a side that may be missing becomes nullable.</summary>
    public static JoinOutput Concat(StructType left, StructType right, bool leftNullable, bool rightNullable, bool leftOnly)
    {
        var fields = left.Fields.Select(f => leftNullable ? f with { Nullable = true } : f).ToList();
        var sources = Enumerable.Range(0, left.Count).Select(i => (i, -1, (DataType?)null)).ToList();
        if (!leftOnly)
        {
            fields.AddRange(right.Fields.Select(f => rightNullable ? f with { Nullable = true } : f));
            sources.AddRange(Enumerable.Range(0, right.Count).Select(i => (-1, i, (DataType?)null)));
        }
        return new JoinOutput(new StructType(fields), sources.ToArray());
    }

    /// <summary>
    /// Spark's layout of a join on column names: the key columns once (from the left, from the right for a right
    /// join, coalesced to their common type for a full join), then the other left columns, then the other right ones.
    /// </summary>
    public static JoinOutput Using(StructType left, StructType right, string[] keys, DataType[] keyTypes, JoinType type)
    {
        var fields = new List<StructField>();
        var sources = new List<(int, int, DataType?)>();
        for (int k = 0; k < keys.Length; k++)
        {
            int l = left.FieldIndex(keys[k]), r = right.FieldIndex(keys[k]);
            switch (type)
            {
                case JoinType.RightOuter:
                    fields.Add(right[r]);
                    sources.Add((-1, r, null));
                    break;
                case JoinType.FullOuter:
                    fields.Add(new StructField(keys[k], keyTypes[k]) { Note = left[l].Note });
                    sources.Add((l, r, keyTypes[k] == left[l].DataType && keyTypes[k] == right[r].DataType ? null : keyTypes[k]));
                    break;
                default:
                    fields.Add(left[l]);
                    sources.Add((l, -1, null));
                    break;
            }
        }
        bool leftNullable = type is JoinType.RightOuter or JoinType.FullOuter, rightNullable = type is JoinType.LeftOuter or JoinType.FullOuter;
        for (int i = 0; i < left.Count; i++)
            if (!keys.Contains(left[i].Name))
            {
                fields.Add(leftNullable ? left[i] with { Nullable = true } : left[i]);
                sources.Add((i, -1, null));
            }
        if (!type.IsExistence())
            for (int i = 0; i < right.Count; i++)
                if (!keys.Contains(right[i].Name))
                {
                    fields.Add(rightNullable ? right[i] with { Nullable = true } : right[i]);
                    sources.Add((-1, i, null));
                }
        return new JoinOutput(new StructType(fields), sources.ToArray());
    }

    /// <summary>One output row from a left and a right row (either null when that side did not match).</summary>
    public object?[] Compose(object?[]? left, object?[]? right)
    {
        var row = new object?[_sources.Length];
        for (int i = 0; i < row.Length; i++)
        {
            var (l, r, convert) = _sources[i];
            var v = l >= 0 && left is not null ? left[l] : null;
            if (v is null && r >= 0 && right is not null) v = right[r];
            row[i] = convert is null ? v : ValueConvert.ToType(v, convert, Schema[i].Name);
        }
        return row;
    }
}
