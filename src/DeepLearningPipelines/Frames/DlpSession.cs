using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution;
using DeepLearningPipelines.Frames.Execution.Mpi;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.Plans;
using DeepLearningPipelines.Sql;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// The entry point, as Spark's <c>SparkSession</c>: creates DataFrames and readers and says how many local cores
/// actions may use (<c>local[*]</c> by default). Each session owns its caches and loaded models
/// (<see cref="Services"/>) and runs them with its executor; both are released by <see cref="Dispose"/>.
/// </summary>
public sealed class DlpSession : IDisposable
{
    private static DlpSession? _active;
    private static readonly object Gate = new();

    private DlpSession(IExecutor executor, int batchSize, string appName)
    {
        Executor = executor;
        BatchSize = batchSize;
        AppName = appName;
    }

    /// <summary>
    /// How many partitions run at once in the whole job, and so how many partitions sources make by default (Spark's
    /// <c>defaultParallelism</c>): the local threads, times the ranks under MPI.
    /// </summary>
    public int Parallelism => Executor.Parallelism * Executor.Participants;

    /// <summary>How many partitions run at once in this process (threads per rank under MPI).</summary>
    internal int LocalParallelism => Executor.Parallelism;

    /// <summary>This process's rank in an MPI job (<c>Master("mpi")</c>), 0 otherwise; rank 0 prints and commits output.</summary>
    public int Rank => Executor.Index;

    /// <summary>The number of ranks (processes) running the job together: 1 unless the master is <c>mpi</c>.</summary>
    public int RankCount => Executor.Participants;

    /// <summary>
    /// Sums <paramref name="values"/> element-wise over the ranks of the job, in place, so every rank ends with the
    /// total (MPI's <c>Allreduce</c>; nothing to do in one process). Every rank must call it, with the same length.
    /// </summary>
    /// <typeparam name="T">double, float, long or int.</typeparam>
    public void AllreduceSum<T>(Span<T> values) where T : unmanaged => Executor.AllreduceSum(values);

    /// <summary>Runs <paramref name="work"/> on this rank, then fails every rank when it failed on any rank.</summary>
    internal void Agree(Action work) => Executor.Agree(work);

    /// <summary>Rows per columnar batch inside a partition.</summary>
    public int BatchSize { get; }

    public string AppName { get; }

    /// <summary>
    /// Joins broadcast a side known to hold at most this many rows instead of shuffling both sides (Spark's
    /// <c>spark.sql.autoBroadcastJoinThreshold</c>, counted in rows); -1 disables it.
    /// </summary>
    public long AutoBroadcastJoinThreshold { get; private init; } = 10_000;

    /// <summary>Runs every action of this session's DataFrames.</summary>
    internal IExecutor Executor { get; }

    /// <summary>The plans persisted by <c>Cache()</c> in this session.</summary>
    internal PlanCache Cache => Services.GetOrAdd(() => new PlanCache());

    /// <summary>The objects this session owns (feature cache, loaded models…), one per type.</summary>
    public SessionServices Services { get; } = new();

    /// <summary>
    /// The session made by the last <see cref="SessionBuilder.GetOrCreate"/>, or a default session: <c>mpi</c> when this
    /// process was launched by <c>mpirun</c> or <c>srun</c>, else <c>local[*]</c>.
    /// </summary>
    public static DlpSession Active
    {
        get { lock (Gate) return _active ??= Builder().NewSession(); }
    }

    /// <summary>Starts building a session.</summary>
    public static SessionBuilder Builder() => new();

    /// <summary>A reader for CSV files and (with the vision layer) images.</summary>
    public DataFrameReader Read() => new(this);

    /// <summary>A reader that opens a folder as a stream of new files (a streaming DataFrame), as Spark's <c>readStream</c>.</summary>
    public Streaming.DataStreamReader ReadStream() => new(this);

    /// <summary>A DataFrame over in-memory rows (each an array of values in schema order).</summary>
    public DataFrame CreateDataFrame(IEnumerable<object?[]> rows, StructType schema, int? numPartitions = null)
    {
        var list = rows.ToList();
        for (int i = 0; i < list.Count; i++)
            if (list[i].Length != schema.Count)
                throw new SchemaException($"Row {i} has {list[i].Length} values but the schema has {schema.Count} fields.");
        return new DataFrame(this, SourcePlan.FromRows(schema, list, numPartitions ?? Parallelism));
    }

    /// <summary>A DataFrame over <see cref="Row"/>s.</summary>
    public DataFrame CreateDataFrame(IEnumerable<Row> rows, StructType schema, int? numPartitions = null) =>
        CreateDataFrame(rows.Select(r => r.Values()), schema, numPartitions);

    /// <summary>
    /// A single <c>id</c> column (long) from <paramref name="start"/> to <paramref name="end"/> (exclusive), generated
    /// as it is read: its size does not bound memory.
    /// </summary>
    public DataFrame Range(long start, long end, int? numPartitions = null) =>
        new(this, SourcePlan.Range(new StructType(new StructField("id", DataTypes.Long, false)), start, end, numPartitions ?? Parallelism));

    /// <summary>
    /// A DataFrame over records, with the schema inferred from <typeparamref name="T"/>'s public properties (Spark's
    /// <c>createDataFrame</c> of case classes): nullable types give nullable fields, nested records structs, arrays and
    /// lists arrays, <see cref="Vector"/> properties vector columns.
    /// </summary>
    public DataFrame CreateDataFrame<T>(IEnumerable<T> records, int? numPartitions = null)
    {
        var encoder = RecordSchema.For(typeof(T));
        var rows = records.Select((r, i) => r is null
            ? throw new DataFormatException($"Record {i} passed to CreateDataFrame<{typeof(T).Name}> is null.")
            : encoder.Encode(r));
        return CreateDataFrame(rows, encoder.Schema, numPartitions);
    }

    /// <summary>Runs a Spark SQL query (or a view statement) over this session's views; the result is planned like the equivalent DataFrame program.</summary>
    public DataFrame Sql(string query) => SqlRunner.Run(this, query);

    /// <summary>The session's temporary views (Spark's <c>spark.catalog</c>).</summary>
    public Catalog Catalog => Services.GetOrAdd(() => new Catalog());

    /// <summary>A temporary view as a DataFrame (Spark's <c>spark.table</c>).</summary>
    public DataFrame Table(string name) => Catalog.Get(name);

    /// <summary>The session's SQL functions (Spark's <c>spark.udf</c>).</summary>
    public UdfRegistration Udf => Services.GetOrAdd(() => new UdfRegistration(this));

    /// <summary>Disposes the session's services; when it is <see cref="Active"/>, a later <see cref="Active"/> makes a new default session.</summary>
    public void Dispose()
    {
        lock (Gate)
            if (ReferenceEquals(_active, this)) _active = null;
        Services.Dispose();
    }

    /// <summary>A fresh context for one action: exchanges it materialises are dropped with it.</summary>
    internal PlanContext Context(CancellationToken cancellation = default) => new(Executor, Cache, BatchSize, cancellation);

    /// <summary>Configures a session, as <c>SparkSession.builder</c>.</summary>
    public sealed class SessionBuilder
    {
        private int? _parallelism;
        private bool? _mpi;
        private int _batchSize = 1024;
        private string _appName = "dlp";
        private long _autoBroadcastJoinThreshold = 10_000;

        /// <summary>
        /// <c>local</c>, <c>local[N]</c> or <c>local[*]</c>: this process's cores; <c>mpi</c> or <c>mpi[N]</c>: every rank
        /// of the MPI job this process belongs to runs the same program, each on N threads (default: the host's cores
        /// shared by its ranks). Without a master, a process launched by <c>mpirun</c> or <c>srun</c> uses <c>mpi</c>.
        /// </summary>
        public SessionBuilder Master(string master)
        {
            var m = master.Trim();
            (_mpi, _parallelism) = m switch
            {
                "local" => (false, 1),
                "local[*]" => (false, Environment.ProcessorCount),
                "mpi" or "mpi[*]" => (true, (int?)null),
                _ when Threads(m, "local[") is { } n => (false, n),
                _ when Threads(m, "mpi[") is { } n => (true, n),
                _ => throw new ParamException($"Unsupported master '{master}'. Use local, local[N], local[*], mpi or mpi[N] (N threads per rank)."),
            };
            return this;
        }

        private static int? Threads(string master, string prefix) =>
            master.StartsWith(prefix, StringComparison.Ordinal) && master.EndsWith(']') && int.TryParse(master[prefix.Length..^1], out var n) && n > 0 ? n : null;

        public SessionBuilder AppName(string name) { _appName = name; return this; }

        /// <summary>Rows per columnar batch (default 1024).</summary>
        public SessionBuilder BatchSize(int rows)
        {
            if (rows < 1) throw new ParamException($"Batch size must be at least 1 but was {rows}.");
            _batchSize = rows;
            return this;
        }

        /// <summary>Rows up to which a join side is broadcast automatically (-1: only when hinted with <c>Functions.Broadcast</c>).</summary>
        public SessionBuilder AutoBroadcastJoinThreshold(long rows)
        {
            if (rows < -1) throw new ParamException($"AutoBroadcastJoinThreshold must be -1 (disabled) or a row count but was {rows}.");
            _autoBroadcastJoinThreshold = rows;
            return this;
        }

        /// <summary>Creates the session and makes it <see cref="Active"/>.</summary>
        public DlpSession GetOrCreate()
        {
            var s = NewSession();
            lock (Gate) _active = s;
            return s;
        }

        /// <summary>Creates an independent session (its own caches and loaded models) and leaves <see cref="Active"/> as it is.</summary>
        public DlpSession NewSession() => new(CreateExecutor(), _batchSize, _appName) { AutoBroadcastJoinThreshold = _autoBroadcastJoinThreshold };

        private IExecutor CreateExecutor()
        {
            if (!(_mpi ?? (MpiLaunch.Detect() is not null))) return new LocalExecutor(_parallelism ?? Environment.ProcessorCount);
            var world = MpiWorld.Communicator;
            return new MpiExecutor(world, _parallelism ?? MpiWorld.DefaultThreads(world.Size));
        }
    }
}
