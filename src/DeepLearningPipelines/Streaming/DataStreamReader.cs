using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// Opens a folder as a stream of new files, as Spark's <c>DataStreamReader</c>:
/// <c>session.ReadStream().Format("csv").Schema(schema).Option("maxFilesPerTrigger", 10).Load(dir)</c>.
/// </summary>
/// <remarks>
/// Options of every format: <c>maxFilesPerTrigger</c> (files per micro-batch, default all), <c>latestFirst</c> (newest
/// files first, default false), <c>recursiveFileLookup</c> (look into sub-folders, default false). Image:
/// <c>dropInvalid</c> (default true: drop and count files that do not decode), <c>deadLetter</c> (a folder that gets a
/// copy of each dropped file), <c>targetWidth</c>/<c>targetHeight</c> (decode large images at reduced scale, no
/// smaller than that). CSV: the batch reader's options (header, sep, nullValue, …; mode FAILFAST by default). CSV,
/// JSON and Parquet need <see cref="Schema(StructType)"/>: a stream's schema is fixed before its files exist.
/// </remarks>
public sealed class DataStreamReader
{
    private static readonly string[] StreamOptions = ["maxFilesPerTrigger", "latestFirst", "recursiveFileLookup"];
    private static readonly string[] ImageOptions = ["dropInvalid", "deadLetter", "targetWidth", "targetHeight"];
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly DlpSession _session;
    private string? _format;
    private StructType? _schema;

    internal DataStreamReader(DlpSession session) => _session = session;

    /// <summary><c>image</c>, <c>csv</c>, <c>json</c> or <c>parquet</c>.</summary>
    public DataStreamReader Format(string format)
    {
        var f = format.Trim().ToLowerInvariant();
        if (f is not ("image" or "csv" or "json" or "parquet"))
            throw new ParamException($"Unknown stream source format '{format}'. Use image, csv, json or parquet.");
        _format = f;
        return this;
    }

    /// <summary>The schema of the files (required for csv, json and parquet; the image schema is fixed).</summary>
    public DataStreamReader Schema(StructType schema) { _schema = schema; return this; }

    public DataStreamReader Option(string key, string value) { _options[key] = value; return this; }
    public DataStreamReader Option(string key, bool value) => Option(key, value ? "true" : "false");
    public DataStreamReader Option(string key, long value) => Option(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A streaming DataFrame (<see cref="DataFrame.IsStreaming"/>) over the files that arrive in <paramref name="folder"/>.</summary>
    public DataFrame Load(string folder)
    {
        var format = _format ?? throw new ParamException("ReadStream() needs a format: call Format(\"image\" | \"csv\" | \"json\" | \"parquet\") before Load.");
        var full = Path.GetFullPath(folder);
        var source = new FileStreamSource(_session, full, CreateFormat(format), PositiveInt("maxFilesPerTrigger"), Bool("latestFirst", false), Bool("recursiveFileLookup", false));
        return new DataFrame(_session, new StreamSourcePlan(source));
    }

    private StreamFormat CreateFormat(string format)
    {
        if (format == "image")
        {
            if (_schema is not null) throw new ParamException("The image stream source has a fixed schema (one image column); drop the Schema(...) call.");
            RequireKnown(format, [.. StreamOptions, .. ImageOptions]);
            var decode = DecodeOptions.Default with { TargetWidth = PositiveInt("targetWidth") ?? 0, TargetHeight = PositiveInt("targetHeight") ?? 0 };
            var deadLetter = _options.TryGetValue("deadLetter", out var d) ? Path.GetFullPath(d) : null;
            return new ImageStreamFormat(Bool("dropInvalid", true), deadLetter, decode);
        }
        var schema = _schema ?? throw new ParamException($"A {format} stream source needs a schema: call Schema(...) before Load (a stream's schema is fixed before its files arrive).");
        switch (format)
        {
            case "csv":
                return new CsvStreamFormat(schema, _options.Where(o => !StreamOptions.Contains(o.Key, StringComparer.OrdinalIgnoreCase)).ToDictionary(o => o.Key, o => o.Value, StringComparer.OrdinalIgnoreCase));
            case "json":
                RequireKnown(format, StreamOptions);
                return new JsonStreamFormat(schema);
            default:
                RequireKnown(format, StreamOptions);
                return new ParquetStreamFormat(schema);
        }
    }

    private void RequireKnown(string format, string[] known)
    {
        foreach (var key in _options.Keys)
            if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw new ParamException($"Unknown option '{key}' for the {format} stream source. Known: {string.Join(", ", known)}.");
    }

    private int? PositiveInt(string key)
    {
        if (!_options.TryGetValue(key, out var text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ParamException($"Stream option {key} must be a positive integer but was '{text}'.");
    }

    private bool Bool(string key, bool fallback)
    {
        if (!_options.TryGetValue(key, out var text)) return fallback;
        return bool.TryParse(text, out var b) ? b : throw new ParamException($"Stream option {key} must be true or false but was '{text}'.");
    }
}
