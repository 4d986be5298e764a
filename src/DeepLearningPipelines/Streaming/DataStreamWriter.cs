using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Starts a streaming query over a streaming DataFrame, as Spark's <c>DataStreamWriter</c>:
/// <c>df.WriteStream().Format("parquet").Option("checkpointLocation", dir).Trigger(Trigger.AvailableNow).Start(outDir)</c>.
/// </summary>
/// <remarks>
/// Sinks: <c>parquet</c>, <c>csv</c> (options header, sep), <c>json</c> — one file per micro-batch, exactly once —;
/// <c>console</c> (numRows, truncate); <c>memory</c> (rows readable with <c>session.Table(queryName)</c>); and
/// <see cref="ForeachBatch"/>. File sinks need <c>checkpointLocation</c>; the others use a temporary checkpoint
/// deleted when the query ends unless one is given. Only the <c>append</c> output mode exists.
/// </remarks>
public sealed class DataStreamWriter
{
    private readonly DataFrame _frame;
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private string _format = "parquet";
    private Streaming.Trigger _trigger = Streaming.Trigger.ProcessingTime(TimeSpan.Zero);
    private string? _name;
    private Action<DataFrame, long>? _foreachBatch;
    private Action<StreamingQueryProgress>? _onProgress;

    internal DataStreamWriter(DataFrame frame) => _frame = frame;

    /// <summary><c>parquet</c> (default), <c>csv</c>, <c>json</c>, <c>console</c> or <c>memory</c>.</summary>
    public DataStreamWriter Format(string format)
    {
        var f = format.Trim().ToLowerInvariant();
        if (f is not ("parquet" or "csv" or "json" or "console" or "memory"))
            throw new ParamException($"Unknown stream sink format '{format}'. Use parquet, csv, json, console or memory (or ForeachBatch).");
        _format = f;
        return this;
    }

    /// <summary>Only <c>append</c> is supported: each micro-batch's new rows are written once and never changed.</summary>
    public DataStreamWriter OutputMode(string mode)
    {
        if (!mode.Trim().Equals("append", StringComparison.OrdinalIgnoreCase))
            throw new ParamException($"Output mode '{mode}' is not supported: streaming queries here run in append mode only (no streaming aggregations).");
        return this;
    }

    public DataStreamWriter Option(string key, string value) { _options[key] = value; return this; }
    public DataStreamWriter Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>When micro-batches run; by default each starts as soon as the previous one ended and new files arrived.</summary>
    public DataStreamWriter Trigger(Trigger trigger) { _trigger = trigger; return this; }

    /// <summary>The query's name (the memory sink's table name).</summary>
    public DataStreamWriter QueryName(string name) { _name = name; return this; }

    /// <summary>
    /// Hands each micro-batch to <paramref name="action"/> as an ordinary DataFrame with its batch id, instead of a sink.
    /// The DataFrame reads the batch's files only during the call. A batch replayed after a crash comes again with the
    /// same id: write idempotently by batch id for exactly-once output.
    /// </summary>
    public DataStreamWriter ForeachBatch(Action<DataFrame, long> action) { _foreachBatch = action; return this; }

    /// <summary>Called on the query's thread after every micro-batch with its progress.</summary>
    public DataStreamWriter OnProgress(Action<StreamingQueryProgress> listener) { _onProgress = listener; return this; }

    /// <summary>Starts the query writing to <paramref name="path"/> (file sinks) and returns at once.</summary>
    public StreamingQuery Start(string path) => StartQuery(path);

    /// <summary>Starts the query and returns at once; file sinks take their folder from the <c>path</c> option.</summary>
    public StreamingQuery Start() => StartQuery(_options.GetValueOrDefault("path"));

    private StreamingQuery StartQuery(string? path)
    {
        if (!_frame.IsStreaming)
            throw new DlpException("WriteStream() needs a streaming DataFrame (from ReadStream()); write a batch DataFrame with Write().");
        UnsupportedOperations.Check(_frame.Plan);
        var sink = CreateSink(path);
        bool temporary = !_options.TryGetValue("checkpointLocation", out var location);
        if (temporary && sink is FileStreamSink)
            throw new ParamException("A file sink needs a checkpoint: call Option(\"checkpointLocation\", folder) so that a restart continues exactly where the query stopped.");
        location ??= Path.Combine(Path.GetTempPath(), "dlp-stream-checkpoints", Guid.NewGuid().ToString("N"));
        var checkpoint = Checkpoint.Open(location);
        try
        {
            var execution = new MicroBatchExecution(_frame, sink, checkpoint);
            var query = new StreamingQuery(_name, checkpoint.Id, execution, _trigger, _onProgress, () =>
            {
                checkpoint.Dispose();
                if (temporary) AtomicFile.TryDelete(checkpoint.Root);
            });
            if (sink is MemoryStreamSink memory)
            {
                var session = _frame.Session;
                session.Catalog.Register(memory.Name, () => session.CreateDataFrame(memory.Rows(), memory.Schema), replace: true);
            }
            query.Start();
            return query;
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    private IStreamSink CreateSink(string? path)
    {
        if (_foreachBatch is { } action) return new ForeachBatchSink(action);
        switch (_format)
        {
            case "console":
                return new ConsoleStreamSink(_options.TryGetValue("numRows", out var n) && int.TryParse(n, out var rows) && rows > 0 ? rows : 20,
                    !_options.TryGetValue("truncate", out var t) || !bool.TryParse(t, out var truncate) || truncate);
            case "memory":
                return new MemoryStreamSink(_name ?? throw new ParamException("The memory sink needs a query name: call QueryName(name); the rows are then read with session.Table(name)."), _frame.Schema);
            default:
                if (string.IsNullOrWhiteSpace(path)) throw new ParamException($"The {_format} stream sink needs an output folder: Start(path) or Option(\"path\", folder).");
                return new FileStreamSink(path, _format, _frame.Schema, _options);
        }
    }
}
