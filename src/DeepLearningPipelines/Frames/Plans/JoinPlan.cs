using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.Joins;

namespace DeepLearningPipelines.Frames.Plans;

/// <summary>
/// A hash join (a nested-loop join when there are no equality keys). One side is built into a hash table and held;
/// the other is probed batch by batch. Broadcast: the build side is read whole once and every partition of the probe
/// side streams against it. Shuffled: both sides are hash-partitioned on their keys into the same number of buckets
/// and bucket i of the probe side meets bucket i of the build side. Null keys never match.
/// </summary>
internal sealed class JoinPlan : Plan
{
    private readonly JoinType _type;
    private readonly Expr[] _leftKeys, _rightKeys;
    private readonly Expr? _residual;
    private readonly JoinScope _scope;
    private readonly JoinOutput _output;
    private readonly bool _buildLeft, _broadcast;
    private readonly Plan _probe, _build;

    /// <summary>
    /// Left and right keys pair up (same types); the residual (rest of the condition) binds against the scope's view
    /// of left-then-right columns; the build side is held, and broadcast or shuffled.
    /// </summary>
    public JoinPlan(Plan left, Plan right, JoinType type, Expr[] leftKeys, Expr[] rightKeys, Expr? residual, JoinScope scope,
        JoinOutput output, bool buildLeft, bool broadcast)
    {
        _type = type;
        _leftKeys = leftKeys;
        _rightKeys = rightKeys;
        _residual = residual;
        _scope = scope;
        _output = output;
        _buildLeft = buildLeft;
        _broadcast = broadcast;
        if (broadcast)
        {
            (_probe, _build) = buildLeft ? (right, left) : (left, right);
        }
        else
        {
            int buckets = Math.Max(left.NumPartitions, right.NumPartitions);
            var l = ExchangePlan.Hash(left, leftKeys, buckets);
            var r = ExchangePlan.Hash(right, rightKeys, buckets);
            (_probe, _build) = buildLeft ? (r, l) : ((Plan)l, (Plan)r);
        }
    }

    public override StructType Schema => _output.Schema;
    public override int NumPartitions => _probe.NumPartitions;
    public override IEnumerable<Plan> Inputs => _buildLeft ? [_build, _probe] : [_probe, _build];

    public override string Describe()
    {
        string kind = (_broadcast, _leftKeys.Length > 0) switch
        {
            (true, true) => "BroadcastHashJoin",
            (true, false) => "BroadcastNestedLoopJoin",
            (false, true) => "ShuffledHashJoin",
            _ => "CartesianProduct",
        };
        var keys = _leftKeys.Length > 0 ? $" [{string.Join(", ", _leftKeys.Select(k => k.Name))}], [{string.Join(", ", _rightKeys.Select(k => k.Name))}]," : "";
        var cond = _residual is null ? "" : $", {_residual.Name}";
        return $"{kind}{keys} {_type.SparkName()}, Build{(_buildLeft ? "Left" : "Right")}{cond}";
    }

    private Expr[] ProbeKeys => _buildLeft ? _rightKeys : _leftKeys;
    private Expr[] BuildKeys => _buildLeft ? _leftKeys : _rightKeys;

    protected override bool PartitionWise => true;

    public override IEnumerable<RowBatch> Execute(int partition, PlanContext context)
    {
        var table = _broadcast ? BroadcastTable(context) : new BuildTable(_build.Execute(partition, context), Bind(BuildKeys, _build.Schema));
        return Probe(_probe.Execute(partition, context), table, context);
    }

    /// <summary>A broadcast join gathers its build side here, before any partition of the probe side runs.</summary>
    public override void Prepare(PlanContext context)
    {
        if (!_broadcast)
        {
            base.Prepare(context);
            return;
        }
        BroadcastTable(context);
        _probe.Prepare(context);
    }

    private static Func<RowBatch, object?[]>[] Bind(Expr[] keys, StructType schema) => keys.Select(k => k.BindBoxed(schema)).ToArray();

    /// <summary>The whole build side, gathered once per action (every partition of the probe side meets all of it).</summary>
    private BuildTable BroadcastTable(PlanContext context) => context.Memo(this, () =>
        new BuildTable(context.Executor.Run(_build, context, (_, b) => b.ToList()).SelectMany(b => b), Bind(BuildKeys, _build.Schema)));

    private IEnumerable<RowBatch> Probe(IEnumerable<RowBatch> batches, BuildTable table, PlanContext context)
    {
        var probeKeys = Bind(ProbeKeys, _probe.Schema);
        var residual = _residual?.BindBoxed(_scope.View);
        bool keepUnmatchedProbe = _type is JoinType.LeftOuter or JoinType.RightOuter or JoinType.FullOuter or JoinType.LeftAnti;
        var buildMatched = _type == JoinType.FullOuter ? new bool[table.Rows.Count] : null;
        var output = new List<object?[]>();
        foreach (var batch in batches)
        {
            var keyColumns = probeKeys.Select(k => k(batch)).ToArray();
            var probeRows = Enumerable.Range(0, batch.RowCount).Select(batch.RowValues).ToArray();
            var matched = new bool[batch.RowCount];
            var pairs = new List<(int Probe, int Build)>();
            for (int r = 0; r < batch.RowCount; r++)
            {
                var candidates = table.Matches(KeyTuple.At(keyColumns, r));
                if (residual is null && _type.IsExistence())
                {
                    matched[r] = candidates.Count > 0;
                    if (matched[r] && _type == JoinType.LeftSemi) output.Add(_output.Compose(probeRows[r], null));
                    continue;
                }
                foreach (var b in candidates)
                {
                    pairs.Add((r, b));
                    if (pairs.Count >= context.BatchSize) Emit(pairs, probeRows, table, residual, matched, buildMatched, output);
                }
                if (output.Count >= context.BatchSize) yield return Flush(output);
            }
            Emit(pairs, probeRows, table, residual, matched, buildMatched, output);
            if (keepUnmatchedProbe)
                for (int r = 0; r < matched.Length; r++)
                    if (!matched[r]) output.Add(Compose(probeRows[r], null));
            if (output.Count >= context.BatchSize) yield return Flush(output);
        }
        if (buildMatched is not null)
            for (int b = 0; b < buildMatched.Length; b++)
                if (!buildMatched[b]) output.Add(Compose(null, table.Rows[b]));
        for (int s = 0; s < output.Count; s += context.BatchSize)
            yield return RowBatch.FromRows(Schema, output.GetRange(s, Math.Min(context.BatchSize, output.Count - s)));
    }

    private RowBatch Flush(List<object?[]> output)
    {
        var batch = RowBatch.FromRows(Schema, output.ToArray());
        output.Clear();
        return batch;
    }

    /// <summary>The output row of a probe row and a build row, each possibly missing.</summary>
    private object?[] Compose(object?[]? probe, object?[]? build) =>
        _type.IsExistence() ? _output.Compose(probe, null)
        : _buildLeft ? _output.Compose(build, probe) : _output.Compose(probe, build);

    /// <summary>Keeps the candidate pairs that satisfy the residual condition, records matches, outputs rows; clears the pairs.</summary>
    private void Emit(List<(int Probe, int Build)> pairs, object?[][] probeRows, BuildTable table, Func<RowBatch, object?[]>? residual,
        bool[] matched, bool[]? buildMatched, List<object?[]> output)
    {
        if (pairs.Count == 0) return;
        var pass = residual is null ? null : residual(Joined(pairs, probeRows, table));
        for (int i = 0; i < pairs.Count; i++)
        {
            if (pass is not null && pass[i] is not true) continue;
            var (p, b) = pairs[i];
            bool first = !matched[p];
            matched[p] = true;
            if (buildMatched is not null) buildMatched[b] = true;
            if (!_type.IsExistence()) output.Add(Compose(probeRows[p], table.Rows[b]));
            else if (_type == JoinType.LeftSemi && first) output.Add(Compose(probeRows[p], null));
        }
        pairs.Clear();
    }

    /// <summary>The candidate pairs as a batch of left-then-right columns, named as the condition sees them.</summary>
    private RowBatch Joined(List<(int Probe, int Build)> pairs, object?[][] probeRows, BuildTable table)
    {
        var columns = new object?[_scope.Width][];
        for (int c = 0; c < columns.Length; c++) columns[c] = new object?[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            var (probe, build) = (probeRows[pairs[i].Probe], table.Rows[pairs[i].Build]);
            var (left, right) = _buildLeft ? (build, probe) : (probe, build);
            for (int c = 0; c < left.Length; c++) columns[c][i] = left[c];
            for (int c = 0; c < right.Length; c++) columns[left.Length + c][i] = right[c];
        }
        return _scope.Present(columns, pairs.Count);
    }
}
