using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Streaming;

/// <summary>How a stream source turns one micro-batch's files into an ordinary DataFrame.</summary>
internal abstract class StreamFormat
{
    /// <summary><c>image</c>, <c>csv</c>, <c>json</c> or <c>parquet</c>.</summary>
    public abstract string Name { get; }

    public abstract StructType Schema { get; }

    /// <summary>The DataFrame over <paramref name="files"/> (at least one), and how many input records it dropped once run.</summary>
    public abstract (DataFrame Frame, Func<long> Dropped) Read(DlpSession session, IReadOnlyList<string> files);
}
