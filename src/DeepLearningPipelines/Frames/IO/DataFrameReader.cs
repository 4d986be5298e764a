using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>Reads files into DataFrames, as Spark's <c>DataFrameReader</c>: <c>session.Read().Option(...).Csv(path)</c>.</summary>
public sealed class DataFrameReader
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private StructType? _schema;

    internal DataFrameReader(DlpSession session) => Session = session;

    public DlpSession Session { get; }

    /// <summary>The options set so far.</summary>
    public IReadOnlyDictionary<string, string> Options => _options;

    /// <summary>Sets an option (CSV: header, inferSchema, sep, quote, escape, comment, nullValue, mode, columnNameOfCorruptRecord, multiLine).</summary>
    public DataFrameReader Option(string key, string value) { _options[key] = value; return this; }
    public DataFrameReader Option(string key, bool value) => Option(key, value ? "true" : "false");

    /// <summary>An explicit schema: no inference pass, values are parsed to these types.</summary>
    public DataFrameReader Schema(StructType schema) { _schema = schema; return this; }

    /// <summary>An explicit schema in DDL form, e.g. <c>"a INT, b DOUBLE, c STRING"</c>.</summary>
    public DataFrameReader Schema(string ddl) => Schema(new StructType(ddl.Split(',').Select(part =>
    {
        var bits = part.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (bits.Length != 2) throw new SchemaException($"Schema DDL '{ddl}': expected 'name TYPE' but found '{part.Trim()}'.");
        return new StructField(bits[0], DataTypes.Parse(bits[1]));
    })));

    /// <summary>Reads CSV files (a file, or every file in a directory).</summary>
    public DataFrame Csv(params string[] paths) => CsvSource.Read(Session, paths, CsvOptions.From(_options), _schema);

    /// <summary>
    /// Reads Parquet files (a file, or a folder of part files with Hive <c>col=value/</c> sub-folders): one partition
    /// per file, a row group at a time; the schema comes from the files.
    /// </summary>
    public DataFrame Parquet(params string[] paths)
    {
        if (_schema is not null) throw new ParamException("Read().Parquet takes its schema from the files; drop the Schema(...) call.");
        return ParquetSource.Read(Session, paths);
    }
}
