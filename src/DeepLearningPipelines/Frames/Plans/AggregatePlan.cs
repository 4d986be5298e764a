using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// The final step of <c>GroupBy(...).Agg(...)</c>, as Spark plans it: each input partition is first folded into
/// partial buffers per group (<see cref="PartialAggregatePlan"/>, memory bounded by the number of groups), the
/// buffers are exchanged by group key (or into a single partition without keys), and this node merges them.
/// </summary>
internal sealed class AggregatePlan : Plan
{
    private readonly Plan _child;
    private readonly int _keyCount;
    private readonly AggregateExpr[] _aggs;
    private readonly string _description;

    private AggregatePlan(Plan child, StructType schema, int keyCount, AggregateExpr[] aggs, string description)
    {
        _child = child;
        Schema = schema;
        _keyCount = keyCount;
        _aggs = aggs;
        _description = description;
    }

    /// <summary>
    /// The plan of <c>GroupBy(keys).Agg(aggregates)</c> over <paramref name="input"/>. An aggregate may sit inside a
    /// larger expression (<c>Round(Avg("x"), 2)</c>, <c>Max("a") - Min("a")</c>): its aggregates are computed first,
    /// then the expressions are projected over them and the keys.
    /// </summary>
    public static Plan Create(Plan input, Expr[] keys, Expr[] aggregates)
    {
        foreach (var a in aggregates)
            if (!a.ContainsAggregate)
                throw new SchemaException($"Agg(...) takes aggregate functions (Count, Sum, Avg, StddevSamp, CollectList, First...) or expressions over them, but '{a.Name}' has none.");
        if (aggregates.All(a => Unwrap(a) is not null)) return Plain(input, keys, aggregates);
        var inner = aggregates.SelectMany(AggregatesIn).DistinctBy(a => a.Name).Select(a => (Expr)new AliasExpr(a, a.ResultColumn)).ToArray();
        var plain = Plain(input, keys, inner);
        var outputs = keys.Select(k => (Expr)new ColumnRef(k.Name)).Concat(aggregates).ToArray();
        return ProjectPlan.OverAggregates(plain, outputs);
    }

    private static IEnumerable<AggregateExpr> AggregatesIn(Expr e) =>
        e is AggregateExpr a ? [a] : e.Children.SelectMany(AggregatesIn);

    private static AggregatePlan Plain(Plan input, Expr[] keys, Expr[] aggregates)
    {
        var aggs = aggregates.Select(a => Unwrap(a)!).ToArray();
        var names = aggregates.Select(a => a.Name).ToArray();
        var schema = new StructType(
            keys.Select(k => new StructField(k.Name, k.ResolveType(input.Schema)))
                .Concat(aggs.Select((a, i) => new StructField(names[i], a.ResolveType(input.Schema)))));
        var partial = new PartialAggregatePlan(input, keys, aggs);
        Partitioning partitioning = keys.Length == 0
            ? new SinglePartitioning()
            : new HashPartitioning(Enumerable.Range(0, keys.Length).Select(i => (Expr)new ColumnRef(partial.Schema[i].Name)).ToArray(), Math.Max(1, input.NumPartitions));
        var description = $"Aggregate [{string.Join(", ", keys.Select(k => k.Name))}] [{string.Join(", ", names)}]";
        return new AggregatePlan(new ExchangePlan(partial, partitioning), schema, keys.Length, aggs, description);
    }

    public override StructType Schema { get; }
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => _description;

    private static AggregateExpr? Unwrap(Expr e) => e switch
    {
        AggregateExpr a => a,
        AliasExpr al => Unwrap(al.Child),
        _ => null,
    };

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var groups = new GroupTable(_aggs);
        foreach (var b in _child.Execute(partition, context))
            for (int r = 0; r < b.RowCount; r++)
            {
                var row = b.RowValues(r);
                var buffers = groups.Get(row[.._keyCount]);
                for (int i = 0; i < buffers.Length; i++) buffers[i].Merge(row, _keyCount + i * AggregateBuffer.Width);
            }
        if (_keyCount == 0 && groups.Count == 0) groups.Get([]);
        var rows = groups.Keys.Select(k => k.Values.Concat(groups[k].Select((a, i) => a.Result(Schema[_keyCount + i].DataType))).ToArray()).ToList();
        for (int s = 0; s < rows.Count; s += context.BatchSize)
            yield return RowBatch.FromRows(Schema, rows.GetRange(s, Math.Min(context.BatchSize, rows.Count - s)));
    }
}

/// <summary>
/// The map side of an aggregation: one row per group seen in the partition, holding the key values and, per
/// aggregate, its partial buffer (<see cref="AggregateBuffer.Width"/> columns).
/// </summary>
internal sealed class PartialAggregatePlan : Plan
{
    private readonly Plan _child;
    private readonly Expr[] _keys;
    private readonly AggregateExpr[] _aggs;

    public PartialAggregatePlan(Plan child, Expr[] keys, AggregateExpr[] aggs)
    {
        _child = child;
        _keys = keys;
        _aggs = aggs;
        Schema = new StructType(
            keys.Select((k, i) => new StructField($"_key{i}", k.ResolveType(child.Schema)))
                .Concat(aggs.SelectMany((a, i) => AggregateBuffer.Fields(i, a, a.Child?.ResolveType(child.Schema) ?? DataTypes.Long))));
    }

    public override StructType Schema { get; }
    public override int NumPartitions => _child.NumPartitions;
    public override IEnumerable<Plan> Inputs => [_child];
    public override string Describe() => $"PartialAggregate [{string.Join(", ", _keys.Select(k => k.Name))}]";

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var keyEvals = _keys.Select(k => k.BindBoxed(_child.Schema)).ToArray();
        var valueEvals = _aggs.Select(a => a.Child?.BindBoxed(_child.Schema)).ToArray();
        var groups = new GroupTable(_aggs);
        foreach (var b in _child.Execute(partition, context))
        {
            var keyCols = keyEvals.Select(e => e(b)).ToArray();
            var valCols = valueEvals.Select(e => e?.Invoke(b)).ToArray();
            for (int r = 0; r < b.RowCount; r++)
            {
                var buffers = groups.Get(keyCols.Select(c => c[r]).ToArray());
                for (int i = 0; i < buffers.Length; i++)
                    buffers[i].Add(valCols[i] is null ? 1 : valCols[i]![r], _aggs[i].Child?.Name ?? "*");
            }
        }
        var rows = groups.Keys.Select(k => k.Values.Concat(groups[k].SelectMany(a => a.State())).ToArray()).ToList();
        for (int s = 0; s < rows.Count; s += context.BatchSize)
            yield return RowBatch.FromRows(Schema, rows.GetRange(s, Math.Min(context.BatchSize, rows.Count - s)));
    }
}

/// <summary>Groups in first-seen order, each with one buffer per aggregate.</summary>
internal sealed class GroupTable(AggregateExpr[] aggs)
{
    private readonly Dictionary<GroupKey, AggregateBuffer[]> _groups = [];
    private readonly List<GroupKey> _order = [];

    public int Count => _order.Count;
    public IReadOnlyList<GroupKey> Keys => _order;
    public AggregateBuffer[] this[GroupKey key] => _groups[key];

    /// <summary>The buffers of the group with these key values, created empty when new.</summary>
    public AggregateBuffer[] Get(object?[] keyValues)
    {
        var key = new GroupKey(keyValues);
        if (!_groups.TryGetValue(key, out var buffers))
        {
            buffers = aggs.Select(a => new AggregateBuffer(a)).ToArray();
            _groups[key] = buffers;
            _order.Add(key);
        }
        return buffers;
    }
}

/// <summary>The key values of one group.</summary>
internal sealed class GroupKey(object?[] values) : IEquatable<GroupKey>
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
