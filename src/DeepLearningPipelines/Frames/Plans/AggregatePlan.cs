using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// <c>GroupBy(...).Agg(...)</c>: each partition is aggregated in parallel into partial states (memory bounded by the
/// number of groups), then the partials are merged into one output partition.
/// </summary>
internal sealed class AggregatePlan : Plan
{
    private readonly Plan _child;
    private readonly Expr[] _keys;
    private readonly AggregateExpr[] _aggs;
    private readonly string[] _aggNames;

    public AggregatePlan(Plan child, Expr[] keys, Expr[] aggregates)
    {
        _child = child;
        _keys = keys;
        _aggs = aggregates.Select(a => Unwrap(a) ?? throw new SchemaException($"Agg(...) takes aggregate functions (Count, Sum, Avg, Min, Max) but got '{a.Name}'.")).ToArray();
        _aggNames = aggregates.Select(a => a.Name).ToArray();
        Schema = new StructType(
            keys.Select(k => new StructField(k.Name, k.ResolveType(child.Schema)))
                .Concat(_aggs.Select((a, i) => new StructField(_aggNames[i], a.ResolveType(child.Schema)))));
    }

    public override StructType Schema { get; }
    public override int NumPartitions => 1;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"Aggregate [{string.Join(", ", _keys.Select(k => k.Name))}] [{string.Join(", ", _aggNames)}]";

    private static AggregateExpr? Unwrap(Expr e) => e switch
    {
        AggregateExpr a => a,
        AliasExpr al => Unwrap(al.Child),
        _ => null,
    };

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var partials = LocalExecutor.Run(_child, context, (_, batches) => Partial(batches));
        var merged = new Dictionary<GroupKey, Accumulator[]>();
        var order = new List<GroupKey>();
        foreach (var part in partials)
            foreach (var (key, accs) in part.Order.Select(k => (k, part.Groups[k])))
            {
                if (merged.TryGetValue(key, out var existing))
                    for (int i = 0; i < accs.Length; i++) existing[i].Merge(accs[i]);
                else
                {
                    merged[key] = accs;
                    order.Add(key);
                }
            }
        if (_keys.Length == 0 && order.Count == 0)
        {
            var empty = new GroupKey([]);
            merged[empty] = _aggs.Select(a => new Accumulator(a.Kind)).ToArray();
            order.Add(empty);
        }
        var rows = order.Select(k => k.Values.Concat(merged[k].Select((a, i) => a.Result(Schema[_keys.Length + i].DataType))).ToArray()).ToList();
        for (int s = 0; s < rows.Count; s += context.BatchSize)
            yield return RowBatch.FromRows(Schema, rows.GetRange(s, Math.Min(context.BatchSize, rows.Count - s)));
    }

    private (Dictionary<GroupKey, Accumulator[]> Groups, List<GroupKey> Order) Partial(IEnumerable<RowBatch> batches)
    {
        var keyEvals = _keys.Select(k => k.Bind(_child.Schema)).ToArray();
        var valueEvals = _aggs.Select(a => a.Child?.Bind(_child.Schema)).ToArray();
        var groups = new Dictionary<GroupKey, Accumulator[]>();
        var order = new List<GroupKey>();
        foreach (var b in batches)
        {
            var keyCols = keyEvals.Select(e => e(b)).ToArray();
            var valCols = valueEvals.Select(e => e?.Invoke(b)).ToArray();
            for (int r = 0; r < b.RowCount; r++)
            {
                var key = new GroupKey(keyCols.Select(c => c[r]).ToArray());
                if (!groups.TryGetValue(key, out var accs))
                {
                    accs = _aggs.Select(a => new Accumulator(a.Kind)).ToArray();
                    groups[key] = accs;
                    order.Add(key);
                }
                for (int i = 0; i < accs.Length; i++)
                    accs[i].Add(valCols[i] is null ? 1 : valCols[i]![r], _aggs[i].Child?.Name ?? "*");
            }
        }
        return (groups, order);
    }

    private sealed class GroupKey(object?[] values) : IEquatable<GroupKey>
    {
        public object?[] Values { get; } = values;
        public bool Equals(GroupKey? other) => other is not null && Values.SequenceEqual(other.Values);
        public override bool Equals(object? obj) => obj is GroupKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            foreach (var v in Values) h.Add(v);
            return h.ToHashCode();
        }
    }

    /// <summary>The running state of one aggregate in one group; nulls are ignored, as in SQL.</summary>
    private sealed class Accumulator(AggregateKind kind)
    {
        private long _count;
        private double _sum;
        private long _longSum;
        private object? _extreme;

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

        public void Merge(Accumulator other)
        {
            _count += other._count;
            _sum += other._sum;
            _longSum += other._longSum;
            if (other._extreme is not null)
            {
                int c = _extreme is null ? 0 : ValueComparer.Instance.Compare(other._extreme, _extreme);
                if (_extreme is null || (kind == AggregateKind.Min ? c < 0 : c > 0)) _extreme = other._extreme;
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
}
