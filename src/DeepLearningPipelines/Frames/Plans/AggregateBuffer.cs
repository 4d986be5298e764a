using System.Collections;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// The running state of one aggregate in one group; nulls are ignored, as in SQL, except by <c>first</c> and
/// <c>last</c> without ignoreNulls. Its state travels between the partial and final aggregation as
/// <see cref="Width"/> columns: count, double sum (the mean for the variance family), integral sum, M2 (sum of
/// squared deviations from the mean) and a value (the extreme, the first/last value, or the array of values kept).
/// </summary>
internal sealed class AggregateBuffer(AggregateExpr aggregate)
{
    /// <summary>Columns per buffer.</summary>
    public const int Width = 5;

    private readonly AggregateKind _kind = aggregate.Kind;
    private readonly bool _distinct = aggregate.Kind is AggregateKind.CountDistinct or AggregateKind.SumDistinct or AggregateKind.CollectSet;
    private long _count;
    private double _sum;
    private long _longSum;
    private double _m2;
    private object? _value;
    private List<object?>? _items;
    private HashSet<object?>? _seen;

    /// <summary>The buffer columns of aggregate <paramref name="index"/> whose input is of type <paramref name="input"/>.</summary>
    public static IEnumerable<StructField> Fields(int index, AggregateExpr aggregate, DataType input) =>
    [
        new($"_agg{index}_count", DataTypes.Long, false),
        new($"_agg{index}_sum", DataTypes.Double, false),
        new($"_agg{index}_longSum", DataTypes.Long, false),
        new($"_agg{index}_m2", DataTypes.Double, false),
        new($"_agg{index}_value", aggregate.IsCollecting ? DataTypes.ArrayOf(input) : input),
    ];

    public void Add(object? value, string column)
    {
        if (value is null)
        {
            if (aggregate.IgnoreNulls || _kind is not (AggregateKind.First or AggregateKind.Last)) return;
            if (_kind == AggregateKind.Last || _count == 0) _value = null;
            _count++;
            return;
        }
        _count++;
        switch (_kind)
        {
            case AggregateKind.Count:
                break;
            case AggregateKind.Sum or AggregateKind.Avg:
                if (value is int or long) _longSum += Convert.ToInt64(value);
                else _sum += ValueConvert.ToDouble(value, column);
                break;
            case AggregateKind.Min:
                if (_value is null || ValueComparer.Instance.Compare(value, _value) < 0) _value = value;
                break;
            case AggregateKind.Max:
                if (_value is null || ValueComparer.Instance.Compare(value, _value) > 0) _value = value;
                break;
            case AggregateKind.First:
                if (_count == 1) _value = value;
                break;
            case AggregateKind.Last:
                _value = value;
                break;
            case AggregateKind.CountDistinct or AggregateKind.SumDistinct or AggregateKind.CollectList or AggregateKind.CollectSet:
                Keep(value);
                break;
            default: // the variance family: Welford's update
                double x = ValueConvert.ToDouble(value, column), delta = x - _sum;
                _sum += delta / _count;
                _m2 += delta * (x - _sum);
                break;
        }
    }

    private void Keep(object value)
    {
        if (_distinct && !(_seen ??= new(DistinctValueComparer.Instance)).Add(value)) return;
        (_items ??= []).Add(value);
    }

    /// <summary>The state as buffer column values.</summary>
    public object?[] State() => [_count, _sum, _longSum, _m2, aggregate.IsCollecting ? (_items ?? []).ToArray() : _value];

    /// <summary>Merges the state held in <paramref name="row"/> from column <paramref name="start"/> on.</summary>
    public void Merge(object?[] row, int start)
    {
        long count = (long)row[start]!;
        double sum = (double)row[start + 1]!, m2 = (double)row[start + 3]!;
        var other = row[start + 4];
        if (aggregate.IsMoment)
        {
            // Chan et al.'s pairwise combination of counts, means and M2s.
            if (count == 0) return;
            long n = _count + count;
            double delta = sum - _sum;
            _m2 += m2 + delta * delta * _count * count / n;
            _sum += delta * count / n;
            _count = n;
            return;
        }
        switch (_kind)
        {
            case AggregateKind.First:
                if (_count == 0 && count > 0) _value = other;
                break;
            case AggregateKind.Last:
                if (count > 0) _value = other;
                break;
            case AggregateKind.CountDistinct or AggregateKind.SumDistinct or AggregateKind.CollectList or AggregateKind.CollectSet:
                foreach (var item in (IEnumerable)other!)
                    if (item is not null) Keep(item);
                break;
            case AggregateKind.Min or AggregateKind.Max when other is not null:
                int c = _value is null ? 0 : ValueComparer.Instance.Compare(other, _value);
                if (_value is null || (_kind == AggregateKind.Min ? c < 0 : c > 0)) _value = other;
                break;
        }
        _count += count;
        _sum += sum;
        _longSum += (long)row[start + 2]!;
    }

    /// <summary>
    /// The aggregate's value. As in Spark 3.1 and later, the sample variance and deviation of a single value are
    /// null, and every aggregate but count and the collections is null over no values.
    /// </summary>
    public object? Result(DataType type) => _kind switch
    {
        AggregateKind.Count => _count,
        AggregateKind.CountDistinct => (long)(_items?.Count ?? 0),
        AggregateKind.CollectList or AggregateKind.CollectSet => (_items ?? []).ToArray(),
        AggregateKind.SumDistinct when _items is null => null,
        AggregateKind.SumDistinct when type == DataTypes.Long => _items.Sum(v => Convert.ToInt64(v)),
        AggregateKind.SumDistinct => _items.Sum(v => ValueConvert.ToDouble(v, aggregate.Name)),
        AggregateKind.Sum when _count == 0 => null,
        AggregateKind.Sum => type == DataTypes.Long ? _longSum : _sum + _longSum,
        AggregateKind.Avg => _count == 0 ? null : (_sum + _longSum) / _count,
        AggregateKind.VarSamp => _count < 2 ? null : _m2 / (_count - 1),
        AggregateKind.StddevSamp => _count < 2 ? null : Math.Sqrt(_m2 / (_count - 1)),
        AggregateKind.VarPop => _count == 0 ? null : _m2 / _count,
        AggregateKind.StddevPop => _count == 0 ? null : Math.Sqrt(_m2 / _count),
        _ => _value,
    };
}
