using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Keeps every micro-batch's rows in memory under the query's name, for tests and notebooks, as Spark's memory sink;
/// <see cref="StreamingTables.Table"/> reads them as a DataFrame. A batch id seen again replaces its rows. Not durable: a
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

/// <summary>The memory sinks of one session, by query name.</summary>
internal sealed class MemoryTables
{
    private readonly Dictionary<string, MemoryStreamSink> _tables = new(StringComparer.OrdinalIgnoreCase);

    public void Register(MemoryStreamSink sink)
    {
        lock (_tables) _tables[sink.Name] = sink;
    }

    public MemoryStreamSink Get(string name)
    {
        lock (_tables)
            return _tables.TryGetValue(name, out var sink) ? sink
                : throw new DlpException($"Table or view not found: '{name}'. Memory tables: [{string.Join(", ", _tables.Keys.Order())}]; " +
                                         "start a query with WriteStream().Format(\"memory\").QueryName(name) first.");
    }
}

/// <summary>Reads the tables that memory stream sinks fill.</summary>
public static class StreamingTables
{
    /// <summary>The rows a <c>memory</c> sink named <paramref name="name"/> (its query's name) has received so far, as Spark's <c>spark.table(name)</c>.</summary>
    public static DataFrame Table(this DlpSession session, string name)
    {
        var sink = session.Services.GetOrAdd(() => new MemoryTables()).Get(name);
        return session.CreateDataFrame(sink.Rows(), sink.Schema);
    }
}
