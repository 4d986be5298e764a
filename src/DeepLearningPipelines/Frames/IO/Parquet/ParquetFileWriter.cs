using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>
/// Writes one Parquet file from a stream of Arrow record batches. Batches are buffered into row groups that are
/// closed at <see cref="ParquetWriteOptions.MaxRowGroupRows"/> rows or about <see cref="ParquetWriteOptions.MaxRowGroupBytes"/>
/// bytes, so memory stays bounded by one row group whatever the input size.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private readonly string _path;
    private readonly Schema _schema;
    private readonly ParquetWriteOptions _options;
    private readonly ParquetSharp.WriterProperties _properties;
    private readonly ParquetSharp.Arrow.ArrowWriterProperties _arrowProperties;
    private readonly ParquetSharp.Arrow.FileWriter _writer;
    private long _groupRows, _groupBytes;
    private bool _groupOpen, _closed;

    /// <summary>Creates (or truncates) <paramref name="path"/>; every batch written must have <paramref name="schema"/>.</summary>
    public ParquetFileWriter(string path, Schema schema, ParquetWriteOptions? options = null)
    {
        _options = options ?? new ParquetWriteOptions();
        _options.Validate();
        foreach (var field in schema.FieldsList) CheckSupported(field.Name, field.DataType);
        _path = path;
        _schema = schema;
        _properties = _options.ToWriterProperties();
        // The Arrow schema is stored in the file too, so field metadata (the vector mark) survives a round trip.
        using (var arrowBuilder = new ParquetSharp.Arrow.ArrowWriterPropertiesBuilder().StoreSchema()) _arrowProperties = arrowBuilder.Build();
        try { _writer = new ParquetSharp.Arrow.FileWriter(path, schema, _properties, _arrowProperties); }
        catch (ParquetSharp.ParquetException e)
        {
            _properties.Dispose();
            _arrowProperties.Dispose();
            throw new DlpException($"Cannot write Parquet file {path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes every batch of <paramref name="batches"/> as the file <paramref name="path"/>, all-or-nothing: the file
    /// is built under a hidden name beside it and renamed over <paramref name="path"/> only once complete.
    /// </summary>
    public static void Write(string path, Schema schema, IEnumerable<RecordBatch> batches, ParquetWriteOptions? options = null) =>
        AtomicFile.WriteFile(path, temporary =>
        {
            using var writer = new ParquetFileWriter(temporary, schema, options);
            foreach (var batch in batches) writer.Write(batch);
            writer.Close();
        });

    /// <summary>Appends the rows of <paramref name="batch"/>, starting a new row group whenever the current one is full.</summary>
    public void Write(RecordBatch batch)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (!SameFields(batch.Schema, _schema))
            throw new SchemaException($"Batch schema {Describe(batch.Schema)} does not match the schema {Describe(_schema)} of Parquet file {_path}.");
        if (batch.Length == 0) return;
        long rowBytes = Math.Max(1, ArrowSize.Bytes(batch) / batch.Length);
        for (int offset = 0; offset < batch.Length;)
        {
            if (!_groupOpen)
            {
                if (_groupRows > 0) _writer.NewBufferedRowGroup();
                _groupRows = _groupBytes = 0;
                _groupOpen = true;
            }
            long room = Math.Min(_options.MaxRowGroupRows - _groupRows, Math.Max(1, (_options.MaxRowGroupBytes - _groupBytes) / rowBytes));
            int take = (int)Math.Min(room, batch.Length - offset);
            var part = offset == 0 && take == batch.Length ? batch : batch.Slice(offset, take);
            Run(() => _writer.WriteBufferedRecordBatch(part));
            offset += take;
            _groupRows += take;
            _groupBytes += take * rowBytes;
            if (_groupRows >= _options.MaxRowGroupRows || _groupBytes >= _options.MaxRowGroupBytes) _groupOpen = false;
        }
    }

    /// <summary>Flushes the last row group and writes the footer; the file is complete only after this.</summary>
    public void Close()
    {
        if (_closed) return;
        Run(_writer.Close);
        _closed = true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _properties.Dispose();
        _arrowProperties.Dispose();
        _closed = true;
    }

    private void Run(Action write)
    {
        try { write(); }
        catch (ParquetSharp.ParquetException e) { throw new DlpException($"Writing Parquet file {_path} failed: {e.Message}", e); }
    }

    /// <summary>Refuses types Parquet cannot hold (unions, intervals, dictionaries…), naming the column.</summary>
    private static void CheckSupported(string column, IArrowType type)
    {
        switch (type)
        {
            case BooleanType or Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type
                or UInt64Type or FloatType or DoubleType or StringType or LargeStringType or BinaryType or LargeBinaryType
                or FixedSizeBinaryType or Date32Type or Date64Type or TimestampType or Decimal128Type or Decimal256Type:
                return;
            case ListType list: CheckSupported(column, list.ValueDataType); return;
            case LargeListType list: CheckSupported(column, list.ValueDataType); return;
            case FixedSizeListType list: CheckSupported(column, list.ValueDataType); return;
            case MapType map: CheckSupported(column, map.KeyField.DataType); CheckSupported(column, map.ValueField.DataType); return;
            case Apache.Arrow.Types.StructType s: foreach (var f in s.Fields) CheckSupported($"{column}.{f.Name}", f.DataType); return;
            default:
                throw new SchemaException($"Parquet cannot store column '{column}' of Arrow type {type.Name}; cast it to a supported type (numbers, strings, binary, dates, timestamps, lists, structs, maps) first.");
        }
    }

    internal static bool SameFields(Schema a, Schema b) =>
        a.FieldsList.Count == b.FieldsList.Count
        && a.FieldsList.Zip(b.FieldsList).All(p => p.First.Name == p.Second.Name && ArrowTypeText.Same(p.First.DataType, p.Second.DataType));

    internal static string Describe(Schema schema) =>
        "<" + string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}: {ArrowTypeText.Describe(f.DataType)}")) + ">";
}
