using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Persistence;

/// <summary>Reads and writes a model's fitted data as one JSON document in its data folder.</summary>
public static class ModelData
{
    private const string FileName = "model.json";

    public static void Write<T>(string directory, T data) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(data, MlWriter.Json));

    public static T Read<T>(string directory)
    {
        var file = Path.Combine(directory, FileName);
        if (!File.Exists(file)) throw new PersistenceException($"Model data file {file} is missing.");
        return JsonSerializer.Deserialize<T>(File.ReadAllText(file), MlWriter.Json)
            ?? throw new PersistenceException($"Model data file {file} is empty.");
    }
}

/// <summary>Saves and loads the ordered child stages of a pipeline as numbered sub-folders.</summary>
internal static class StageListIO
{
    public static void Save(string directory, IReadOnlyList<PipelineStage> stages)
    {
        for (int i = 0; i < stages.Count; i++) stages[i].Save(Path.Combine(directory, $"{i:D3}_{stages[i].Uid}"));
    }

    public static PipelineStage[] Load(string directory) =>
        Directory.GetDirectories(directory).Order(StringComparer.Ordinal).Select(PipelineStage.LoadStage).ToArray();
}
