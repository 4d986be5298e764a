using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.Joins;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// An immutable, lazily planned, partitioned table, as Spark's <c>DataFrame</c>. Transformations return new
/// DataFrames; actions (<see cref="Count"/>, <see cref="Collect"/>, <see cref="Show(int,int)"/>, writers, <c>Fit</c>)
/// run the partitions in parallel on the session's cores, streaming batch by batch.
/// </summary>
public sealed class DataFrame
{
    internal DataFrame(DlpSession session, Plan plan, DataSourceMetrics? metrics = null)
    {
        Session = session;
        Plan = plan;
        Metrics = metrics;
    }

    public DlpSession Session { get; }
    internal Plan Plan { get; }

    /// <summary>Counts of malformed input seen by the reader behind this DataFrame (null when not read from files).</summary>
    public DataSourceMetrics? Metrics { get; }

    public StructType Schema => Plan.Schema;
    public string[] Columns => Schema.FieldNames.ToArray();
    public int NumPartitions => Plan.NumPartitions;

    /// <summary>(name, type) pairs as Spark's <c>dtypes</c>.</summary>
    public (string Name, string Type)[] DTypes => Schema.Fields.Select(f => (f.Name, f.DataType.SimpleString)).ToArray();

    /// <summary>The column of this DataFrame with the given name (checked now); <c>df["image.origin"]</c> is a nested field.</summary>
    public Column this[string name]
    {
        get
        {
            var column = Functions.Col(name);
            column.Expr.ResolveType(Schema);
            return column;
        }
    }

    private DataFrame With(Plan plan) => new(Session, plan, Metrics);

    // ----- transformations -----

    public DataFrame Select(params string[] columns) => Select(columns.Select(Functions.Col).ToArray());
    /// <summary>Computes the given columns; <c>*</c> and <c>struct.*</c> expand to every column or field, and one <see cref="Functions.Explode"/> column makes a row per element.</summary>
    public DataFrame Select(params Column[] columns) => Project(columns.SelectMany(c => c.Expr is StarExpr star ? star.Expand(Schema) : [FieldExpr.AtTop(c.Expr)]).ToArray());

    /// <summary>Adds a column, or replaces the one with the same name in place.</summary>
    public DataFrame WithColumn(string name, Column column)
    {
        var exprs = Schema.FieldNames.Select(n => n == name ? new AliasExpr(column.Expr, name) : (Expr)new ColumnRef(n)).ToList();
        if (!Schema.Contains(name)) exprs.Add(new AliasExpr(column.Expr, name));
        return Project(exprs.ToArray());
    }

    /// <summary>Renames a column; a no-op when it does not exist, as in Spark.</summary>
    public DataFrame WithColumnRenamed(string existing, string renamed)
    {
        if (!Schema.Contains(existing)) return this;
        return With(new ProjectPlan(Plan, Schema.FieldNames.Select(n => n == existing ? new AliasExpr(new ColumnRef(n), renamed) : (Expr)new ColumnRef(n)).ToArray()));
    }

    /// <summary>Removes columns; names that do not exist are ignored, as in Spark.</summary>
    public DataFrame Drop(params string[] columns) =>
        With(new ProjectPlan(Plan, Schema.FieldNames.Where(n => !columns.Contains(n)).Select(n => (Expr)new ColumnRef(n)).ToArray()));

    public DataFrame Filter(Column condition) => With(new FilterPlan(Plan, condition.Expr));
    public DataFrame Where(Column condition) => Filter(condition);

    /// <summary>Keeps the rows for which a .NET predicate holds.</summary>
    public DataFrame Filter(Func<Row, bool> predicate) => With(new FilterPlan(Plan, predicate));

    #region Relational operations: joins, unions, set operations, de-duplication

    /// <summary>Names this DataFrame for join conditions, so that <c>Col("alias.column")</c> picks its column.</summary>
    public DataFrame Alias(string alias) => With(new SubqueryAliasPlan(Plan, alias));

    /// <summary>The marker <see cref="Functions.Broadcast"/> puts on a join side.</summary>
    internal DataFrame WithBroadcastHint() => With(new BroadcastHintPlan(Plan));

    /// <summary>
    /// Joins on a column both sides have; the output holds it once, then the other left and right columns (Spark's
    /// <c>join(other, "k", how)</c>). <paramref name="how"/>: inner, left[_outer], right[_outer], full, outer,
    /// [left_]semi, [left_]anti, cross. Null keys never match.
    /// </summary>
    public DataFrame Join(DataFrame other, string on, string how = "inner") => Join(other, [on], how);

    /// <summary>Joins on columns both sides have (all must be equal); see <see cref="Join(DataFrame, string, string)"/>.</summary>
    public DataFrame Join(DataFrame other, string[] on, string how = "inner") =>
        With(JoinPlanner.Using(Plan, other.Plan, on, JoinTypes.Parse(how), Session.AutoBroadcastJoinThreshold));

    /// <summary>
    /// Joins on a boolean condition; the output holds every left column then every right column (names may repeat).
    /// Equalities between a left and a right expression become hash keys; a name both sides have must be qualified
    /// through <see cref="Alias"/>.
    /// </summary>
    public DataFrame Join(DataFrame other, Column on, string how = "inner") =>
        With(JoinPlanner.On(Plan, other.Plan, on.Expr, JoinTypes.Parse(how), Session.AutoBroadcastJoinThreshold));

    /// <summary>Every pair of rows (Cartesian product).</summary>
    public DataFrame CrossJoin(DataFrame other) =>
        With(JoinPlanner.On(Plan, other.Plan, null, JoinType.Cross, Session.AutoBroadcastJoinThreshold));

    /// <summary>All rows of both DataFrames, duplicates kept (SQL's UNION ALL); columns match by position and types widen.</summary>
    public DataFrame Union(DataFrame other) => With(new UnionPlan(Plan, other.Plan));

    /// <summary>The same as <see cref="Union"/>, as in Spark.</summary>
    public DataFrame UnionAll(DataFrame other) => Union(other);

    /// <summary>
    /// All rows of both DataFrames with columns matched by name. With <paramref name="allowMissingColumns"/>, a
    /// column only one side has is filled with nulls on the other (and the other side's extra columns come last).
    /// </summary>
    public DataFrame UnionByName(DataFrame other, bool allowMissingColumns = false)
    {
        var missing = Columns.Where(c => !other.Schema.Contains(c)).ToList();
        var extra = other.Columns.Where(c => !Schema.Contains(c)).ToList();
        if (!allowMissingColumns && (missing.Count > 0 || extra.Count > 0))
            throw new SchemaException($"UnionByName: columns [{string.Join(", ", missing.Concat(extra))}] are on one side only. Pass allowMissingColumns: true to fill them with nulls.");
        Expr Pick(DataFrame side, StructField f) => side.Schema.Contains(f.Name) ? new ColumnRef(f.Name) : new AliasExpr(new Literal(null, f.DataType), f.Name);
        var all = Schema.Fields.Concat(extra.Select(c => other.Schema[c])).ToList();
        var left = all.Count == Schema.Count ? Plan : new ProjectPlan(Plan, all.Select(f => Pick(this, f)).ToArray());
        return With(new UnionPlan(left, new ProjectPlan(other.Plan, all.Select(f => Pick(other, f)).ToArray())));
    }

    /// <summary>The distinct rows (nulls equal nulls).</summary>
    public DataFrame Distinct() => With(new DistinctPlan(Plan, Enumerable.Range(0, Schema.Count).ToArray(), "Distinct"));

    /// <summary>One row per distinct value of <paramref name="columns"/> (all columns when none), the first met of each.</summary>
    public DataFrame DropDuplicates(params string[] columns)
    {
        if (columns.Length == 0) return Distinct();
        return With(new DistinctPlan(Plan, columns.Select(Schema.FieldIndex).ToArray(), $"Deduplicate [{string.Join(", ", columns)}]"));
    }

    /// <summary>The distinct rows present in both DataFrames (SQL's INTERSECT); columns match by position.</summary>
    public DataFrame Intersect(DataFrame other) => With(new SetOperationPlan(Plan, other.Plan, intersect: true, all: false));

    /// <summary>The rows present in both, duplicates kept as often as in both (SQL's INTERSECT ALL).</summary>
    public DataFrame IntersectAll(DataFrame other) => With(new SetOperationPlan(Plan, other.Plan, intersect: true, all: true));

    /// <summary>The distinct rows of this DataFrame absent from <paramref name="other"/> (SQL's EXCEPT, Spark's <c>subtract</c>).</summary>
    public DataFrame Except(DataFrame other) => With(new SetOperationPlan(Plan, other.Plan, intersect: false, all: false));

    /// <summary>The rows of this DataFrame less those of <paramref name="other"/>, counting duplicates (SQL's EXCEPT ALL).</summary>
    public DataFrame ExceptAll(DataFrame other) => With(new SetOperationPlan(Plan, other.Plan, intersect: false, all: true));

    #endregion

    /// <summary>The first <paramref name="n"/> rows.</summary>
    public DataFrame Limit(int n)
    {
        if (n < 0) throw new ParamException($"Limit must be non-negative but was {n}.");
        return With(new LimitPlan(Plan, n));
    }

    #region Partitioning

    /// <summary>The rows dealt round-robin into <paramref name="numPartitions"/> partitions (a shuffle).</summary>
    public DataFrame Repartition(int numPartitions)
    {
        CheckPartitions(numPartitions, nameof(Repartition));
        return With(new ExchangePlan(Plan, new RoundRobinPartitioning(numPartitions)));
    }

    /// <summary>The rows shuffled into <paramref name="numPartitions"/> partitions by the hash of <paramref name="columns"/>: equal keys share a partition.</summary>
    public DataFrame Repartition(int numPartitions, params Column[] columns)
    {
        CheckPartitions(numPartitions, nameof(Repartition));
        if (columns.Length == 0) return Repartition(numPartitions);
        foreach (var c in columns) c.Expr.ResolveType(Plan.Schema);
        return With(ExchangePlan.Hash(Plan, columns.Select(c => c.Expr).ToArray(), numPartitions));
    }

    /// <summary>The rows hashed by <paramref name="columns"/> into as many partitions as the session's parallelism.</summary>
    public DataFrame Repartition(params Column[] columns) => Repartition(Session.Parallelism, columns);

    /// <summary>
    /// At most <paramref name="numPartitions"/> partitions, by concatenating neighbouring ones without a shuffle (Spark's
    /// <c>coalesce</c>); never more partitions than there are.
    /// </summary>
    public DataFrame Coalesce(int numPartitions)
    {
        CheckPartitions(numPartitions, nameof(Coalesce));
        return numPartitions >= Plan.NumPartitions ? this : With(new CoalescePlan(Plan, numPartitions));
    }

    private static void CheckPartitions(int numPartitions, string operation)
    {
        if (numPartitions < 1) throw new ParamException($"{operation} needs a positive number of partitions but got {numPartitions}.");
    }

    #endregion

    public DataFrame OrderBy(params string[] columns) => OrderBy(columns.Select(Functions.Col).ToArray());

    public DataFrame OrderBy(params Column[] columns) =>
        With(SortPlan.OrderBy(Plan, columns.Select(c => c.Expr as SortOrderExpr ?? new SortOrderExpr(c.Expr, true)).ToArray()));

    public DataFrame Sort(params Column[] columns) => OrderBy(columns);

    /// <summary>
    /// A random sample without replacement: each row kept with probability <paramref name="fraction"/>. Whether a row is
    /// kept depends only on the seed and the row's identity (its file and line, or its index in in-memory input), not on
    /// the partitioning or the number of cores.
    /// </summary>
    public DataFrame Sample(double fraction, long seed)
    {
        if (fraction < 0 || fraction > 1) throw new ParamException($"Sample fraction must be in [0, 1] but was {fraction}.");
        return With(new SamplePlan(Plan, 0, fraction, seed));
    }

    /// <summary>
    /// Splits rows randomly with the given weights (normalised to sum 1). The split a row lands in depends only on the
    /// seed and the row's identity (its file and line, or its index in in-memory input), not on the partitioning or the
    /// number of cores; the splits are disjoint and together hold every row.
    /// </summary>
    public DataFrame[] RandomSplit(double[] weights, long seed)
    {
        if (weights.Length == 0 || weights.Any(w => w < 0 || double.IsNaN(w)) || weights.Sum() <= 0)
            throw new ParamException($"RandomSplit weights must be non-negative with a positive sum but were [{string.Join(", ", weights)}].");
        double total = weights.Sum(), acc = 0;
        var result = new DataFrame[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            double lower = acc;
            acc += weights[i] / total;
            result[i] = With(new SamplePlan(Plan, lower, i == weights.Length - 1 ? 1.0 : acc, seed));
        }
        return result;
    }

    /// <summary>Groups rows by columns for <see cref="GroupedData.Agg"/>.</summary>
    public GroupedData GroupBy(params string[] columns) => GroupBy(columns.Select(Functions.Col).ToArray());
    public GroupedData GroupBy(params Column[] columns) => new(this, columns.Select(c => new Column(FieldExpr.AtTop(c.Expr))).ToArray());

    /// <summary>Aggregates the whole DataFrame into one row.</summary>
    public DataFrame Agg(params Column[] aggregates) => new GroupedData(this, []).Agg(aggregates);

    /// <summary>Applies a batch function to every batch (a batch UDF over whole rows), producing <paramref name="schema"/>.</summary>
    public DataFrame MapBatches(Func<RowBatch, RowBatch> map, StructType schema, string name = "mapBatches") =>
        With(new MapBatchesPlan(Plan, map, schema, name));

    /// <summary>Keeps the computed partitions in the session's memory after the first action that needs them.</summary>
    public DataFrame Cache()
    {
        var cached = Plan as CachePlan ?? new CachePlan(Plan);
        Session.Cache.Persist(cached.Child);
        return ReferenceEquals(cached, Plan) ? this : With(cached);
    }

    public DataFrame Persist() => Cache();

    /// <summary>Frees the cached partitions (if this DataFrame was cached); later actions recompute them.</summary>
    public DataFrame Unpersist()
    {
        if (Plan is CachePlan cached) Session.Cache.Unpersist(cached.Child);
        return this;
    }

    // ----- actions -----

    public long Count() => Run((_, batches) => batches.Sum(b => (long)b.RowCount)).Sum();

    /// <summary>Every row, in partition order.</summary>
    public Row[] Collect() => CollectBatches().SelectMany(b => b.Rows()).ToArray();

    /// <summary>Every batch, in partition order (columnar access without per-row objects).</summary>
    public RowBatch[] CollectBatches() => Run((_, batches) => batches.ToList()).SelectMany(b => b).ToArray();

    /// <summary>
    /// The batches of this process's own partitions, in partition order: all of them in one process, the rank's share
    /// under MPI. Data-parallel learners fit on these and sum their statistics over ranks with
    /// <see cref="DlpSession.AllreduceSum{T}"/>.
    /// </summary>
    internal RowBatch[] CollectOwnBatches()
    {
        var context = Session.Context();
        return context.Executor.RunOwn(Plan, context, (_, batches) => batches.ToList()).SelectMany(b => b).ToArray();
    }

    /// <summary>
    /// Folds every partition's batches into an accumulator in parallel, then merges the partials in partition order
    /// (Spark's <c>treeAggregate</c>): memory is one accumulator per running partition.
    /// </summary>
    public TAcc Aggregate<TAcc>(Func<TAcc> zero, Func<TAcc, RowBatch, TAcc> add, Func<TAcc, TAcc, TAcc> merge) =>
        Run((_, batches) => batches.Aggregate(zero(), add)).Aggregate(zero(), merge);

    /// <summary>Runs <paramref name="action"/> on every batch, partitions in parallel.</summary>
    public void ForEachBatch(Action<int, RowBatch> action) =>
        Run((p, batches) => { foreach (var b in batches) action(p, b); return 0; });

    private T[] Run<T>(Func<int, IEnumerable<RowBatch>, T> perPartition)
    {
        var context = Session.Context();
        return context.Executor.Run(Plan, context, perPartition);
    }

    /// <summary>Rows one partition at a time, so that only one partition is in memory.</summary>
    public IEnumerable<Row> ToLocalIterator()
    {
        var ctx = Session.Context();
        for (int p = 0; p < NumPartitions; p++)
            foreach (var b in ctx.Executor.Stream(Plan, p, ctx))
                foreach (var r in b.Rows()) yield return r;
    }

    public Row[] Take(int n) => Limit(n).Collect();
    public Row[] Head(int n) => Take(n);
    public Row First() => Take(1).FirstOrDefault() ?? throw new DlpException("First() called on an empty DataFrame.");

    /// <summary>The table <see cref="Show(int,int)"/> prints.</summary>
    public string ShowString(int numRows = 20, int truncate = 20)
    {
        var rows = Take(numRows + 1);
        return ShowFormatter.Format(Schema, rows.Take(numRows).ToList(), rows.Length > numRows, numRows, truncate);
    }

    /// <summary>Prints the first rows as Spark's table; cells longer than <paramref name="truncate"/> characters are cut (0 = never).</summary>
    public void Show(int numRows = 20, int truncate = 20) => Print(ShowString(numRows, truncate));

    /// <summary>Prints the first <paramref name="numRows"/> rows; <paramref name="truncate"/> false prints whole cells.</summary>
    public void Show(int numRows, bool truncate) => Show(numRows, truncate ? 20 : 0);

    /// <summary>Prints the first 20 rows; <c>Show(truncate: false)</c> prints whole cells, as PySpark's <c>show(truncate=False)</c>.</summary>
    public void Show(bool truncate) => Show(20, truncate);

    /// <summary>Prints the schema in Spark's tree format.</summary>
    public void PrintSchema() => Print(Schema.TreeString());

    /// <summary>The physical plan, one node per line, exchanges included.</summary>
    public string Explain()
    {
        var lines = new List<string>();
        void Walk(Plan p, int depth)
        {
            lines.Add(new string(' ', depth * 3) + (depth > 0 ? "+- " : "") + p.Describe());
            foreach (var c in p.Inputs) Walk(c, depth + 1);
        }
        Walk(Plan, 0);
        return string.Join("\n", lines);
    }

    /// <summary>Registers this DataFrame as a temporary view of its session for SQL, replacing a view of that name.</summary>
    public void CreateOrReplaceTempView(string name) => Session.Catalog.Register(name, this, replace: true);

    /// <summary>Registers this DataFrame as a temporary view; fails when the name is taken.</summary>
    public void CreateTempView(string name) => Session.Catalog.Register(name, this, replace: false);

    /// <summary>A writer for CSV and JSON-lines output.</summary>
    public DataFrameWriter Write() => new(this);

    /// <summary>True when this DataFrame reads from a stream (<see cref="DlpSession.ReadStream"/>): it runs only through <see cref="WriteStream"/>.</summary>
    public bool IsStreaming => Streaming.StreamSourcePlan.In(Plan).Count > 0;

    /// <summary>Starts a streaming query over this streaming DataFrame, as Spark's <c>writeStream</c>.</summary>
    public Streaming.DataStreamWriter WriteStream() => new(this);

    // ----- Spark's column vocabulary: renames, generators, statistics, vertical show -----

    /// <summary>A projection, or an explode plan when one column is a generator.</summary>
    private DataFrame Project(Expr[] exprs) =>
        With(exprs.Any(ExplodeExpr.Within) ? new ExplodePlan(Plan, exprs) : new ProjectPlan(Plan, exprs));

    /// <summary>The same rows with every column renamed, in order, as Spark's <c>toDF</c>.</summary>
    public DataFrame ToDF(params string[] names)
    {
        if (names.Length != Schema.Count)
            throw new SchemaException($"ToDF needs one name per column: the DataFrame has {Schema.Count} columns [{string.Join(", ", Columns)}] but {names.Length} names were given [{string.Join(", ", names)}].");
        return With(new ProjectPlan(Plan, Schema.FieldNames.Select((n, i) => (Expr)new AliasExpr(new ColumnRef(n), names[i])).ToArray()));
    }

    /// <summary>
    /// count, mean, stddev (sample), min and max of the given columns (all numeric and string columns when none),
    /// as strings in a <c>summary</c>-keyed DataFrame, as Spark's <c>describe</c>.
    /// </summary>
    public DataFrame Describe(params string[] columns) => SummaryStatistics.Compute(this, columns, SummaryStatistics.DescribeStats);

    /// <summary>
    /// The given statistics (count, mean, stddev, min, max, or percentiles such as <c>25%</c>; by default
    /// count, mean, stddev, min, 25%, 50%, 75%, max) of every numeric and string column, as Spark's <c>summary</c>.
    /// </summary>
    public DataFrame Summary(params string[] statistics) =>
        SummaryStatistics.Compute(this, [], statistics.Length > 0 ? statistics : SummaryStatistics.SummaryStats);

    /// <summary>The text <see cref="Show(int,int,bool)"/> prints.</summary>
    public string ShowString(int numRows, int truncate, bool vertical)
    {
        if (!vertical) return ShowString(numRows, truncate);
        var rows = Take(numRows + 1);
        return VerticalShowFormatter.Format(Schema, rows.Take(numRows).ToList(), rows.Length > numRows, numRows, truncate);
    }

    /// <summary>Prints the first rows as a table, or one block per row when <paramref name="vertical"/>.</summary>
    public void Show(int numRows, int truncate, bool vertical) => Print(ShowString(numRows, truncate, vertical));

    /// <summary>Writes to the console once per job: on rank 0 only under MPI.</summary>
    private void Print(string text)
    {
        if (Session.Rank == 0) Console.Write(text);
    }

    /// <summary>Prints the first rows; <paramref name="truncate"/> cuts cells to 20 characters.</summary>
    public void Show(int numRows, bool truncate, bool vertical) => Show(numRows, truncate ? 20 : 0, vertical);
}
