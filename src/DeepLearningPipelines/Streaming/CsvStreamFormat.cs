using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;

namespace DeepLearningPipelines.Streaming;

/// <summary>
/// CSV files read with the given schema and CSV options. The mode is FAILFAST unless set: a record that does not fit
/// the schema fails the micro-batch with a message naming the file and line, and the batch is retried from the
/// checkpoint when the query restarts (after the file is fixed or removed).
/// </summary>
internal sealed class CsvStreamFormat(StructType schema, IReadOnlyDictionary<string, string> options) : StreamFormat
{
    private readonly CsvOptions _options = CsvOptions.From(options.ContainsKey("mode") ? options : new Dictionary<string, string>(options) { ["mode"] = "FAILFAST" });

    public override string Name => "csv";
    public override StructType Schema => schema;

    public override (DataFrame Frame, Func<long> Dropped) Read(DlpSession session, IReadOnlyList<string> files)
    {
        var frame = CsvSource.Read(session, files, _options, schema);
        return (frame, () => frame.Metrics?.DroppedRecords ?? 0);
    }
}
