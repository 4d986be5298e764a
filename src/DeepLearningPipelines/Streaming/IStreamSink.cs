using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>Where a query's micro-batches go. A sink may be given the same batch id again after a restart and must not duplicate it.</summary>
internal interface IStreamSink
{
    string Description { get; }

    /// <summary>Writes micro-batch <paramref name="batchId"/>; <paramref name="batch"/> is bound to the batch's files while this runs.</summary>
    void AddBatch(long batchId, DataFrame batch);
}
