using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Keeps every micro-batch's rows in memory under the query's name, for tests and notebooks, as Spark's memory sink;
/// it is a temporary view of that name (<c>session.Table(name)</c>, SQL). A batch id seen again replaces its rows. Not durable: a
/// new process starts empty.
/// </summary>
internal sealed class MemoryStreamSink(string name, StructType schema) : IStreamSink
{
    private readonly SortedDictionary<long, object?[][]> _batches = new();

    public string Name { get; } = name;
    public StructType Schema { get; } = schema;
    public string Description => $"MemorySink[{Name}]";

    public void AddBatch(long batchId, DataFrame batch)
    {
        var rows = batch.Collect().Select(r => r.Values()).ToArray();
        lock (_batches) _batches[batchId] = rows;
    }

    /// <summary>The rows of every batch so far, in batch order.</summary>
    public List<object?[]> Rows()
    {
        lock (_batches) return _batches.Values.SelectMany(b => b).ToList();
    }
}
