using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// The running state of one aggregate in one group; nulls are ignored, as in SQL. Its state travels between the
/// partial and final aggregation as <see cref="Width"/> columns: count, double sum, integral sum, extreme.
/// </summary>
internal sealed class AggregateBuffer(AggregateKind kind)
{
    /// <summary>Columns per buffer.</summary>
    public const int Width = 4;

    private long _count;
    private double _sum;
    private long _longSum;
    private object? _extreme;

    /// <summary>The buffer columns of aggregate <paramref name="index"/> whose input is of type <paramref name="input"/>.</summary>
    public static IEnumerable<StructField> Fields(int index, DataType input) =>
    [
        new($"_agg{index}_count", DataTypes.Long, false),
        new($"_agg{index}_sum", DataTypes.Double, false),
        new($"_agg{index}_longSum", DataTypes.Long, false),
        new($"_agg{index}_extreme", input),
    ];

    public void Add(object? value, string column)
    {
        if (value is null) return;
        _count++;
        switch (kind)
        {
            case AggregateKind.Sum or AggregateKind.Avg:
                if (value is int or long) _longSum += Convert.ToInt64(value);
                else _sum += ValueConvert.ToDouble(value, column);
                break;
            case AggregateKind.Min:
                if (_extreme is null || ValueComparer.Instance.Compare(value, _extreme) < 0) _extreme = value;
                break;
            case AggregateKind.Max:
                if (_extreme is null || ValueComparer.Instance.Compare(value, _extreme) > 0) _extreme = value;
                break;
        }
    }

    /// <summary>The state as buffer column values.</summary>
    public object?[] State() => [_count, _sum, _longSum, _extreme];

    /// <summary>Merges the state held in <paramref name="row"/> from column <paramref name="start"/> on.</summary>
    public void Merge(object?[] row, int start)
    {
        _count += (long)row[start]!;
        _sum += (double)row[start + 1]!;
        _longSum += (long)row[start + 2]!;
        var other = row[start + 3];
        if (other is not null)
        {
            int c = _extreme is null ? 0 : ValueComparer.Instance.Compare(other, _extreme);
            if (_extreme is null || (kind == AggregateKind.Min ? c < 0 : c > 0)) _extreme = other;
        }
    }

    public object? Result(DataType type) => kind switch
    {
        AggregateKind.Count => _count,
        AggregateKind.Sum when _count == 0 => null,
        AggregateKind.Sum => type == DataTypes.Long ? _longSum : _sum + _longSum,
        AggregateKind.Avg => _count == 0 ? null : (_sum + _longSum) / _count,
        _ => _extreme,
    };
}
