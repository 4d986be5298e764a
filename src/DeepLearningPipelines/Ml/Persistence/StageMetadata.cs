using System.Text.Json;

namespace DeepLearningPipelines.Ml.Persistence;

/// <summary>The <c>metadata.json</c> of a saved stage, as Spark's <c>metadata/part-00000</c>.</summary>
public sealed record StageMetadata(
    string Class,
    string Uid,
    long Timestamp,
    string Version,
    Dictionary<string, JsonElement> ParamMap,
    Dictionary<string, JsonElement> DefaultParamMap);
