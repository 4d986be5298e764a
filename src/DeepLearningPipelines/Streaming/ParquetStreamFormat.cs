using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Streaming;

/// <summary>Parquet files whose schema must be the one given; a file with another schema fails the micro-batch, naming it.</summary>
internal sealed class ParquetStreamFormat(StructType schema) : StreamFormat
{
    public override string Name => "parquet";
    public override StructType Schema => schema;

    public override (DataFrame Frame, Func<long> Dropped) Read(DlpSession session, IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            var found = ArrowTypes.FromSchema(ParquetDataset.Open(file).Schema);
            if (!SameColumns(found, schema))
                throw new SchemaException($"Parquet file {file} has schema {found.SimpleString} but the stream's schema is {schema.SimpleString}. " +
                                          "Move the file out of the watched folder, or start a query with that schema.");
        }
        return (ParquetSource.Read(session, files), () => 0);
    }

    /// <summary>The same column names and types in the same order (nullability aside: Parquet files mark every column nullable).</summary>
    private static bool SameColumns(StructType a, StructType b) =>
        a.Count == b.Count && a.Fields.Zip(b.Fields).All(p => p.First.Name == p.Second.Name && p.First.DataType.Equals(p.Second.DataType));
}
