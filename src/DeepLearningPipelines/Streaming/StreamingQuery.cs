using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// A running streaming query, as Spark's <c>StreamingQuery</c>: its micro-batches run one after another on a thread
/// of their own. <see cref="Stop"/> lets the running batch finish and commit, then ends the query; a query killed
/// outright resumes from its checkpoint when started again.
/// </summary>
public sealed class StreamingQuery
{
    private const int ProgressKept = 100;
    private readonly object _gate = new();
    private readonly Queue<StreamingQueryProgress> _progress = new();
    private readonly MicroBatchExecution _execution;
    private readonly Trigger _trigger;
    private readonly Action<StreamingQueryProgress>? _onProgress;
    private readonly Action _release;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _wake = new();
    private bool _stopRequested, _active = true;
    private long _idleTriggers;
    private StreamingQueryStatus _status = new("Initializing sources", false, false);

    internal StreamingQuery(string? name, Guid id, MicroBatchExecution execution, Trigger trigger, Action<StreamingQueryProgress>? onProgress, Action release)
    {
        Name = name;
        Id = id;
        _execution = execution;
        _trigger = trigger;
        _onProgress = onProgress;
        _release = release;
        _thread = new Thread(Run) { IsBackground = true, Name = $"stream {name ?? id.ToString()}" };
    }

    /// <summary>The query's name (<c>QueryName</c>), if any.</summary>
    public string? Name { get; }

    /// <summary>The query's id, kept in the checkpoint across restarts.</summary>
    public Guid Id { get; }

    /// <summary>This run's id, new at every start.</summary>
    public Guid RunId { get; } = Guid.NewGuid();

    /// <summary>True until the query stops (asked to, by its trigger running out of data, or by an error).</summary>
    public bool IsActive { get { lock (_gate) return _active; } }

    /// <summary>The error that stopped the query, or null.</summary>
    public StreamingQueryException? Exception { get; private set; }

    public StreamingQueryStatus Status { get { lock (_gate) return _status; } }

    /// <summary>The progress of the last micro-batch, or null before the first.</summary>
    public StreamingQueryProgress? LastProgress { get { lock (_gate) return _progress.LastOrDefault(); } }

    /// <summary>The progress of the last micro-batches (up to 100), oldest first.</summary>
    public IReadOnlyList<StreamingQueryProgress> RecentProgress { get { lock (_gate) return _progress.ToList(); } }

    internal void Start() => _thread.Start();

    /// <summary>Waits until the query stops; rethrows its error.</summary>
    public void AwaitTermination()
    {
        _thread.Join();
        if (Exception is { } e) throw e;
    }

    /// <summary>Waits up to <paramref name="timeout"/>; true when the query stopped. Rethrows its error.</summary>
    public bool AwaitTermination(TimeSpan timeout)
    {
        bool ended = _thread.Join(timeout);
        if (Exception is { } e) throw e;
        return ended;
    }

    /// <summary>Lets the running micro-batch finish and commit, then stops the query and waits for it.</summary>
    public void Stop()
    {
        lock (_gate) _stopRequested = true;
        _wake.Set();
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    /// <summary>Asks the query to stop after the running micro-batch without waiting (safe from a signal handler).</summary>
    public void RequestStop()
    {
        lock (_gate) _stopRequested = true;
        _wake.Set();
    }

    /// <summary>Waits until every file available now has been processed (for tests); rethrows the query's error.</summary>
    public void ProcessAllAvailable()
    {
        lock (_gate)
        {
            // The second idle trigger from now began after this call, so it saw every file there now.
            long idle = _idleTriggers;
            while (_active && _idleTriggers < idle + 2) Monitor.Wait(_gate, 50);
        }
        if (Exception is { } e) throw e;
    }

    private bool StopRequested { get { lock (_gate) return _stopRequested; } }

    private void Run()
    {
        try
        {
            switch (_trigger)
            {
                case Trigger.OnceTrigger:
                    if (_execution.HasPendingReplay) RunTrigger(ignoreLimit: true, admit: null);
                    if (!StopRequested) RunTrigger(ignoreLimit: true, admit: null);
                    break;
                case Trigger.AvailableNowTrigger:
                    while (!StopRequested && _execution.HasPendingReplay) RunTrigger(ignoreLimit: false, admit: null);
                    var available = _execution.AvailableNow();
                    while (!StopRequested && RunTrigger(ignoreLimit: false, admit: f => available.Contains(f.Path))) { }
                    break;
                case Trigger.ProcessingTimeTrigger(var interval):
                    while (!StopRequested)
                    {
                        var start = DateTime.UtcNow;
                        bool ran = RunTrigger(ignoreLimit: false, admit: null);
                        var wait = interval - (DateTime.UtcNow - start);
                        if (!ran && wait < TimeSpan.FromMilliseconds(10)) wait = TimeSpan.FromMilliseconds(10);
                        if (wait > TimeSpan.Zero) _wake.Wait(wait);
                    }
                    break;
            }
        }
        catch (StreamingQueryException e) { Exception = e; }
        catch (Exception e)
        {
            Exception = new StreamingQueryException($"Query {Name ?? Id.ToString()} terminated with exception: {e.Message}", e);
        }
        finally
        {
            _release();
            lock (_gate)
            {
                _active = false;
                _status = new StreamingQueryStatus("Stopped", false, false);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Runs one trigger; false when there was no new data.</summary>
    private bool RunTrigger(bool ignoreLimit, Func<StreamFile, bool>? admit)
    {
        var progress = _execution.RunBatch(ignoreLimit, admit, RunId, Name, s => { lock (_gate) _status = s; });
        lock (_gate)
        {
            if (progress is null)
            {
                _idleTriggers++;
                _status = new StreamingQueryStatus("Waiting for data to arrive", false, false);
                Monitor.PulseAll(_gate);
                return false;
            }
            _progress.Enqueue(progress);
            while (_progress.Count > ProgressKept) _progress.Dequeue();
            _status = new StreamingQueryStatus("Waiting for next trigger", false, false);
        }
        _onProgress?.Invoke(progress);
        return true;
    }
}
