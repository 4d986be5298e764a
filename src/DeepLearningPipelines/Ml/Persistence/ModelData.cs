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

/// <summary>Saves and loads the ordered child stages of a pipeline as numbered sub-folders (<c>000_uid</c>, <c>001_uid</c>, ...).</summary>
internal static class StageListIO
{
    public static string FolderName(int index, string uid) => $"{index:D3}_{uid}";

    public static void Save(string directory, IReadOnlyList<PipelineStage> stages)
    {
        for (int i = 0; i < stages.Count; i++) stages[i].Save(Path.Combine(directory, FolderName(i, stages[i].Uid)));
    }

    /// <summary>Loads the stage folders in order; a gap in the numbering is reported as the missing stage.</summary>
    public static PipelineStage[] Load(string directory)
    {
        var folders = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).ToArray();
        for (int i = 0; i < folders.Length; i++)
            if (!Path.GetFileName(folders[i]).StartsWith($"{i:D3}_", StringComparison.Ordinal))
                throw new PersistenceException($"The stages saved in {directory} are not numbered 000, 001, ... in order: stage {i} is missing (found {Path.GetFileName(folders[i])}).");
        return folders.Select(PipelineStage.LoadStage).ToArray();
    }
}
