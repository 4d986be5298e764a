using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>Writes the featurizer's (origin, features) rows as one Parquet file, streamed batch by batch and replaced all-or-nothing.</summary>
internal static class FeatureParquet
{
    /// <summary>
    /// Writes the first two columns of <paramref name="schema"/> (origin, features) of every batch that
    /// <paramref name="produce"/> hands over to a hidden file beside <paramref name="target"/>, renamed over it only
    /// once <paramref name="produce"/> returns.
    /// </summary>
    public static void Write(string target, StructType schema, Action<Action<RowBatch>> produce)
    {
        var arrow = ArrowTypes.ToSchema(new StructType(schema[0], schema[1]));
        AtomicFile.WriteFile(target, temporary =>
        {
            using var writer = new ParquetFileWriter(temporary, arrow);
            produce(batch => writer.Write(new RecordBatch(arrow, [batch.Column(0), batch.Column(1)], batch.RowCount)));
            writer.Close();
        });
    }
}
