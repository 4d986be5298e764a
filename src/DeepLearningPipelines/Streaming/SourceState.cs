using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Streaming;

/// <summary>One source of a running query: the files it took so far (rebuilt from <c>sources/K/*</c> on restart).</summary>
internal sealed class SourceState(StreamSourcePlan plan, BatchLog log)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public StreamSourcePlan Plan { get; } = plan;
    public FileStreamSource Source => Plan.Source;
    public BatchLog Log { get; } = log;
    public IReadOnlySet<string> Seen => _seen;

    /// <summary>The batch whose files this source last logged.</summary>
    public long? LastOffset { get; private set; }

    /// <summary>Reloads the files of batches 0 … <paramref name="latestBatch"/> (later entries belong to a batch that never started and are rewritten).</summary>
    public void Recover(long latestBatch)
    {
        foreach (var id in Log.BatchIds().Where(id => id <= latestBatch))
            foreach (var f in Files(id)) _seen.Add(f.Path);
        LastOffset = latestBatch;
    }

    /// <summary>The files logged for <paramref name="batchId"/>.</summary>
    public List<StreamFile> Files(long batchId)
    {
        var lines = Log.Read(batchId)
            ?? throw new PersistenceException($"Checkpoint file {Log.PathOf(batchId)} is missing although offsets/{batchId} names it; the checkpoint is damaged. Use a new checkpoint folder.");
        return lines.Where(l => l.Length > 0).Select(l => StreamFile.FromJson(l, Log.PathOf(batchId))).ToList();
    }

    /// <summary>Records <paramref name="files"/> as batch <paramref name="batchId"/>'s, before the offsets log names the batch.</summary>
    public void Take(long batchId, IReadOnlyList<StreamFile> files)
    {
        Log.Write(batchId, files.Select(f => f.ToJson()));
        foreach (var f in files) _seen.Add(f.Path);
        LastOffset = batchId;
    }
}
