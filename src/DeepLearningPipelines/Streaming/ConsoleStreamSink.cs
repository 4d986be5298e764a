using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>Prints each micro-batch's first rows under a <c>Batch: N</c> banner, as Spark's console sink (options numRows, truncate).</summary>
internal sealed class ConsoleStreamSink(int numRows, bool truncate) : IStreamSink
{
    public string Description => "ConsoleSink";

    public void AddBatch(long batchId, DataFrame batch)
    {
        var line = new string('-', 43);
        Console.Out.Write($"{line}\nBatch: {batchId}\n{line}\n{batch.ShowString(numRows, truncate ? 20 : 0)}\n");
    }
}

/// <summary>
/// Hands each micro-batch to user code with its id (at least once: a batch replayed after a crash comes again with the
/// same id). The same plan serves every batch, so what the code cached of it is dropped when the call returns.
/// </summary>
internal sealed class ForeachBatchSink(Action<DataFrame, long> action) : IStreamSink
{
    public string Description => "ForeachBatchSink";

    public void AddBatch(long batchId, DataFrame batch)
    {
        try { action(batch, batchId); }
        finally { batch.Session.Cache.Unpersist(batch.Plan); }
    }
}
