using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>How a reader treats malformed records, with Spark's names.</summary>
public enum ReadMode
{
    /// <summary>Unparsable fields become null (and the raw record goes to the corrupt-record column if the schema has one).</summary>
    Permissive,

    /// <summary>Malformed records are dropped and counted in <see cref="DataSourceMetrics"/>.</summary>
    DropMalformed,

    /// <summary>The first malformed record stops the job with an error naming file, line and column.</summary>
    FailFast,
}

internal static class ReadModes
{
    public static ReadMode Parse(string mode) => mode.Trim().ToUpperInvariant() switch
    {
        "PERMISSIVE" => ReadMode.Permissive,
        "DROPMALFORMED" => ReadMode.DropMalformed,
        "FAILFAST" => ReadMode.FailFast,
        _ => throw new ParamException($"Unknown read mode '{mode}'. Use PERMISSIVE, DROPMALFORMED or FAILFAST."),
    };
}
