using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>
/// Reads one Parquet file as Arrow record batches, one row group at a time, optionally only some columns.
/// A file that is not Parquet or is cut short is refused with a <see cref="DataFormatException"/> naming it.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private const int Magic = 0x31524150; // "PAR1", little-endian
    private readonly string _path;
    private readonly ParquetSharp.Arrow.FileReader _reader;

    /// <summary>Opens <paramref name="path"/> and reads its footer.</summary>
    public ParquetFileReader(string path)
    {
        _path = path;
        CheckFraming(path);
        try
        {
            _reader = new ParquetSharp.Arrow.FileReader(path);
            Schema = _reader.Schema;
        }
        catch (ParquetSharp.ParquetException e)
        {
            _reader?.Dispose();
            throw new DataFormatException($"{path} is not a readable Parquet file: {e.Message}", e);
        }
    }

    /// <summary>The file's Arrow schema.</summary>
    public Schema Schema { get; }

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => _reader.NumRowGroups;

    /// <summary>Total rows in the file.</summary>
    public long RowCount => _reader.ParquetReader.FileMetaData.NumRows;

    /// <summary>
    /// The file's rows as batches, reading one row group at a time; <paramref name="columns"/> keeps only those
    /// top-level columns, in the file's order (null = all).
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(IReadOnlyCollection<string>? columns = null) => ReadBatches(columns, 0, RowGroupCount);

    /// <summary>The rows of each row group, in file order.</summary>
    public long[] RowGroupRows()
    {
        var file = _reader.ParquetReader;
        var rows = new long[RowGroupCount];
        for (int g = 0; g < rows.Length; g++)
        {
            using var group = file.RowGroup(g);
            rows[g] = group.MetaData.NumRows;
        }
        return rows;
    }

    /// <summary>As <see cref="ReadBatches(IReadOnlyCollection{string}?)"/>, for the row groups <paramref name="firstGroup"/> to <paramref name="endGroup"/> (exclusive) only.</summary>
    internal IEnumerable<RecordBatch> ReadBatches(IReadOnlyCollection<string>? columns, int firstGroup, int endGroup)
    {
        int[]? indices = columns is null ? null : ColumnIndices(columns);
        for (int group = firstGroup; group < endGroup; group++)
        {
            using var batches = Run(() => _reader.GetRecordBatchReader([group], indices));
            while (Run(() => batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult()) is { } batch)
                yield return batch;
        }
    }

    public void Dispose() => _reader.Dispose();

    private int[] ColumnIndices(IReadOnlyCollection<string> columns)
    {
        foreach (var name in columns)
            if (Schema.GetFieldIndex(name) < 0)
                throw new SchemaException($"Column '{name}' is not in Parquet file {_path}; its columns are {string.Join(", ", Schema.FieldsList.Select(f => f.Name))}.");
        var wanted = new HashSet<string>(columns, StringComparer.Ordinal);
        var manifest = _reader.SchemaManifest;
        var leaves = new List<int>();
        for (int i = 0; i < Schema.FieldsList.Count; i++)
            if (wanted.Contains(Schema.FieldsList[i].Name)) CollectLeaves(manifest.SchemaField(i), leaves);
        return [.. leaves];
    }

    /// <summary>The Parquet leaf-column indices under a (possibly nested) field: what the Arrow reader projects on.</summary>
    private static void CollectLeaves(ParquetSharp.Arrow.SchemaField field, List<int> leaves)
    {
        if (field.ColumnIndex >= 0) leaves.Add(field.ColumnIndex);
        foreach (var child in field.Children) CollectLeaves(child, leaves);
    }

    private T Run<T>(Func<T> read)
    {
        try { return read(); }
        catch (ParquetSharp.ParquetException e) { throw new DataFormatException($"Reading Parquet file {_path} failed (corrupt or truncated?): {e.Message}", e); }
    }

    /// <summary>Checks the <c>PAR1</c> magic at both ends, so a truncated or foreign file gets a plain message.</summary>
    private static void CheckFraming(string path)
    {
        FileStream stream;
        try { stream = File.OpenRead(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot open Parquet file {path}: {e.Message}", e);
        }
        using (stream)
        {
            var head = new byte[4];
            var tail = new byte[4];
            if (stream.Length < 12 || stream.Read(head) != 4 || BitConverter.ToInt32(head) != Magic)
                throw new DataFormatException($"{path} is not a Parquet file (it does not start with PAR1).");
            stream.Seek(-4, SeekOrigin.End);
            if (stream.Read(tail) != 4 || BitConverter.ToInt32(tail) != Magic)
                throw new DataFormatException($"Parquet file {path} is truncated or still being written: its footer (ending in PAR1) is missing.");
        }
    }
}
