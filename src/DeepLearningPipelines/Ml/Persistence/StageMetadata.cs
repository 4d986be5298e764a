using System.Text.Json;

namespace DeepLearningPipelines.Ml.Persistence;

/// <summary>The <c>metadata.json</c> of a saved stage, as Spark's <c>metadata/part-00000</c>.</summary>
/// <param name="Class">Full .NET name of the saved class.</param>
/// <param name="Uid">Uid of the saved object.</param>
/// <param name="Timestamp">Save time, Unix milliseconds.</param>
/// <param name="Version">Version of the library that wrote the folder; a newer one than the reader's is refused.</param>
/// <param name="ParamMap">Explicitly set params.</param>
/// <param name="DefaultParamMap">Default params.</param>
/// <param name="StageUids">For pipelines, the uids of the child stages in order (Spark's <c>stageUids</c>); null otherwise.</param>
public sealed record StageMetadata(
    string Class,
    string Uid,
    long Timestamp,
    string Version,
    Dictionary<string, JsonElement> ParamMap,
    Dictionary<string, JsonElement> DefaultParamMap,
    string[]? StageUids = null);
