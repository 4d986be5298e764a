using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Runs a query's micro-batches against its checkpoint, exactly once end to end with an idempotent sink:
/// <list type="number">
/// <item>the new files of each source are recorded in <c>sources/K/N</c>, then <c>offsets/N</c> is written;</item>
/// <item>the plan runs with its source leaves bound to those files and the sink takes batch N;</item>
/// <item><c>commits/N</c> is written.</item>
/// </list>
/// Every write is atomic. On start, a batch with an offsets entry and no commit entry is run again with the same files
/// (the sink skips or overwrites what it already holds of it); files named in earlier entries are never taken again.
/// </summary>
internal sealed class MicroBatchExecution
{
    private readonly DataFrame _frame;
    private readonly IStreamSink _sink;
    private readonly Checkpoint _checkpoint;
    private readonly List<SourceState> _sources;
    private long? _pendingReplay;
    private long _nextBatch;
    private DateTime? _previousTrigger;

    public MicroBatchExecution(DataFrame frame, IStreamSink sink, Checkpoint checkpoint)
    {
        _frame = frame;
        _sink = sink;
        _checkpoint = checkpoint;
        _sources = StreamSourcePlan.In(frame.Plan).Select((s, k) => new SourceState(s, checkpoint.Source(k))).ToList();
        Recover();
    }

    public string SinkDescription => _sink.Description;

    private void Recover()
    {
        var latest = _checkpoint.Offsets.Latest();
        if (latest is not { } n) return;
        var entry = _checkpoint.Offsets.Read(n)!;
        if (entry.Count != 1 + _sources.Count)
            throw new PersistenceException($"Checkpoint {_checkpoint.Root} was written by a query with {entry.Count - 1} source(s) but this query has {_sources.Count}. " +
                                           "Use a new checkpoint folder for a different query.");
        foreach (var s in _sources) s.Recover(n);
        var committed = _checkpoint.Commits.Latest();
        if (committed is null || committed < n) _pendingReplay = n;
        _nextBatch = _pendingReplay ?? n + 1;
    }

    /// <summary>
    /// Runs one micro-batch: the batch left uncommitted by a crash first, else the new files (all of them when
    /// <paramref name="ignoreLimit"/>, else at most maxFilesPerTrigger per source; only those <paramref name="admit"/>
    /// accepts when given). Returns null when there was nothing to run.
    /// </summary>
    public StreamingQueryProgress? RunBatch(bool ignoreLimit, Func<StreamFile, bool>? admit, Guid runId, string? name, Action<StreamingQueryStatus> status)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var durations = new Dictionary<string, long>();
        long batchId;
        List<List<StreamFile>> files;
        var startOffsets = _sources.Select(s => s.LastOffset).ToList();
        if (_pendingReplay is { } replay)
        {
            batchId = replay;
            files = _sources.Select(s => s.Files(replay)).ToList();
            startOffsets = _sources.Select(_ => replay == 0 ? (long?)null : replay - 1).ToList();
            durations["latestOffset"] = clock.ElapsedMilliseconds;
        }
        else
        {
            files = _sources.Select(s => Limit(s.Source.ListNew(s.Seen).Where(f => admit is null || admit(f)), ignoreLimit ? null : s.Source.MaxFilesPerTrigger)).ToList();
            durations["latestOffset"] = clock.ElapsedMilliseconds;
            if (files.All(f => f.Count == 0)) return null;
            batchId = _nextBatch;
            for (int k = 0; k < _sources.Count; k++) _sources[k].Take(batchId, files[k]);
            _checkpoint.Offsets.Write(batchId, OffsetLines(batchId, started));
        }
        durations["walCommit"] = clock.ElapsedMilliseconds - durations["latestOffset"];
        status(new StreamingQueryStatus("Processing new data", true, true));

        long mark = clock.ElapsedMilliseconds;
        var bound = new Dictionary<StreamSourcePlan, BoundBatch>();
        for (int k = 0; k < _sources.Count; k++)
        {
            var s = _sources[k].Source;
            var (frame, dropped) = files[k].Count > 0 ? s.Format.Read(s.Session, files[k].Select(f => f.Path).ToList()) : (s.Session.CreateDataFrame(Array.Empty<object?[]>(), s.Schema), () => 0L);
            bound[_sources[k].Plan] = new BoundBatch(frame, dropped);
        }
        try
        {
            using (StreamSourcePlan.Bind(bound)) _sink.AddBatch(batchId, _frame);
        }
        catch (Exception e)
        {
            throw new StreamingQueryException($"Micro-batch {batchId} failed ({e.Message}) and was not committed; restarting the query from its checkpoint runs it again.", e);
        }
        durations["addBatch"] = clock.ElapsedMilliseconds - mark;

        mark = clock.ElapsedMilliseconds;
        _checkpoint.Commits.Write(batchId, [JsonSerializer.Serialize(new { nextBatchWatermarkMs = 0 })]);
        durations["commitOffsets"] = clock.ElapsedMilliseconds - mark;
        durations["triggerExecution"] = clock.ElapsedMilliseconds;
        _pendingReplay = null;
        _nextBatch = batchId + 1;

        var sources = _sources.Select((s, k) => new SourceProgress(s.Source.Description, startOffsets[k], batchId, files[k].Count,
            bound[s.Plan].Rows, bound[s.Plan].Dropped)).ToList();
        long rows = sources.Sum(s => s.NumInputRows);
        double sinceLast = _previousTrigger is { } previous ? (started - previous).TotalSeconds : 0;
        _previousTrigger = started;
        return new StreamingQueryProgress
        {
            Id = _checkpoint.Id, RunId = runId, Name = name, BatchId = batchId,
            Timestamp = started.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            NumInputRows = rows, NumDroppedRows = sources.Sum(s => s.NumDroppedRows),
            InputRowsPerSecond = sinceLast > 0 ? rows / sinceLast : 0,
            ProcessedRowsPerSecond = durations["triggerExecution"] > 0 ? rows * 1000.0 / durations["triggerExecution"] : 0,
            DurationMs = durations, Sources = sources, Sink = _sink.Description,
        };
    }

    /// <summary>Every complete file the sources hold now that no batch took yet (what <see cref="Trigger.AvailableNow"/> processes).</summary>
    public HashSet<string> AvailableNow() =>
        _sources.SelectMany(s => s.Source.ListNew(s.Seen)).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when a batch left uncommitted by a crash waits to run again.</summary>
    public bool HasPendingReplay => _pendingReplay is not null;

    private static List<StreamFile> Limit(IEnumerable<StreamFile> files, int? max) => (max is { } m ? files.Take(m) : files).ToList();

    private IEnumerable<string> OffsetLines(long batchId, DateTime started)
    {
        yield return JsonSerializer.Serialize(new { batchWatermarkMs = 0, batchTimestampMs = new DateTimeOffset(started).ToUnixTimeMilliseconds() });
        foreach (var _ in _sources) yield return JsonSerializer.Serialize(new { logOffset = batchId });
    }
}
