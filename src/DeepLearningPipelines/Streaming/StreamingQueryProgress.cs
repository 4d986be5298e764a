using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepLearningPipelines.Streaming;

/// <summary>What one micro-batch did, as Spark's <c>StreamingQueryProgress</c>; <see cref="Json"/> gives it in Spark's field names.</summary>
public sealed record StreamingQueryProgress
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The query's id, kept in the checkpoint across restarts.</summary>
    public required Guid Id { get; init; }

    /// <summary>This run's id, new at every start.</summary>
    public required Guid RunId { get; init; }

    public string? Name { get; init; }

    /// <summary>When the trigger began (UTC, ISO 8601).</summary>
    public required string Timestamp { get; init; }

    public required long BatchId { get; init; }

    /// <summary>Rows read from the sources in this batch.</summary>
    public required long NumInputRows { get; init; }

    /// <summary>Input records the sources dropped (corrupt images), not in <see cref="NumInputRows"/>.</summary>
    public required long NumDroppedRows { get; init; }

    /// <summary>Rows per second arriving: input rows over the time since the previous trigger began.</summary>
    public required double InputRowsPerSecond { get; init; }

    /// <summary>Rows per second processed: input rows over this trigger's duration.</summary>
    public required double ProcessedRowsPerSecond { get; init; }

    /// <summary>Milliseconds per phase: latestOffset (listing), walCommit (offsets log), addBatch (running the plan into the sink), commitOffsets (commit log), triggerExecution (all).</summary>
    [JsonPropertyName("durationMs")]
    public required IReadOnlyDictionary<string, long> DurationMs { get; init; }

    public required IReadOnlyList<SourceProgress> Sources { get; init; }

    public required string Sink { get; init; }

    /// <summary>This progress as one line of JSON.</summary>
    [JsonIgnore]
    public string Json => JsonSerializer.Serialize(this, JsonOptions);

    public override string ToString() => Json;
}

/// <summary>What one source gave a micro-batch: the files (its end offset is the batch id whose file list it wrote).</summary>
public sealed record SourceProgress(string Description, long? StartOffset, long EndOffset, int NumFiles, long NumInputRows, long NumDroppedRows);

/// <summary>What a query is doing now, as Spark's <c>StreamingQueryStatus</c>.</summary>
public sealed record StreamingQueryStatus(string Message, bool IsDataAvailable, bool IsTriggerActive);

/// <summary>Why a streaming query stopped with an error: the batch it was running and the cause.</summary>
public sealed class StreamingQueryException(string message, Exception inner) : Core.DlpException(message, inner);
