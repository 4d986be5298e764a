using Apache.Arrow;
using Apache.Arrow.Ipc;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO.Parquet;

namespace DeepLearningPipelines.Cli.Images;

/// <summary>
/// How an image command's output file is built from per-partition part files: text lines (CSV, JSON lines) joined
/// in partition order under an optional header, or Arrow IPC parts joined into one Parquet file.
/// </summary>
internal abstract class PartFileFormat
{
    /// <summary>The part files' extension.</summary>
    public abstract string Extension { get; }

    /// <summary>Writes the rows of <paramref name="batches"/> to the part file <paramref name="path"/>, calling <paramref name="written"/> after each batch.</summary>
    public abstract void WritePart(string path, IEnumerable<RowBatch> batches, Action<RowBatch> written);

    /// <summary>Writes <paramref name="target"/> (all-or-nothing) from <paramref name="parts"/>, in order.</summary>
    public abstract void Join(string target, IEnumerable<string> parts);

    /// <summary>Text: <paramref name="lines"/> gives the lines of one batch; <paramref name="header"/>, when given, starts the file.</summary>
    public static PartFileFormat Text(Func<RowBatch, IEnumerable<string>> lines, string? header = null) => new TextParts(lines, header);

    /// <summary>Parquet with <paramref name="schema"/>, whose fields are the first columns of every batch.</summary>
    public static PartFileFormat Parquet(Schema schema) => new ParquetParts(schema);

    private sealed class TextParts(Func<RowBatch, IEnumerable<string>> lines, string? header) : PartFileFormat
    {
        public override string Extension => "txt";

        public override void WritePart(string path, IEnumerable<RowBatch> batches, Action<RowBatch> written)
        {
            using var writer = new StreamWriter(path) { NewLine = "\n" };
            foreach (var batch in batches)
            {
                foreach (var line in lines(batch)) writer.WriteLine(line);
                written(batch);
            }
        }

        public override void Join(string target, IEnumerable<string> parts) =>
            AtomicFile.Write(target, output =>
            {
                if (header is not null) output.Write(System.Text.Encoding.UTF8.GetBytes(header + "\n"));
                foreach (var part in parts)
                {
                    using var input = File.OpenRead(part);
                    input.CopyTo(output);
                }
            });
    }

    private sealed class ParquetParts(Schema schema) : PartFileFormat
    {
        public override string Extension => "arrow";

        public override void WritePart(string path, IEnumerable<RowBatch> batches, Action<RowBatch> written)
        {
            using var stream = File.Create(path);
            using var writer = new ArrowFileWriter(stream, schema);
            writer.WriteStart();
            foreach (var batch in batches)
            {
                writer.WriteRecordBatch(new RecordBatch(schema, Enumerable.Range(0, schema.FieldsList.Count).Select(batch.Column), batch.RowCount));
                written(batch);
            }
            writer.WriteEnd();
        }

        public override void Join(string target, IEnumerable<string> parts) =>
            AtomicFile.WriteFile(target, temporary =>
            {
                using var writer = new ParquetFileWriter(temporary, schema);
                foreach (var part in parts)
                {
                    using var stream = File.OpenRead(part);
                    using var reader = new ArrowFileReader(stream);
                    while (reader.ReadNextRecordBatch() is { } batch)
                        using (batch) writer.Write(batch);
                }
                writer.Close();
            });
    }
}
