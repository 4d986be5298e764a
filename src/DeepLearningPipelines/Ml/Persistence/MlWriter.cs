using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Persistence;

/// <summary>Saves a stage to a folder: <c>metadata.json</c> (class, uid, params) and a <c>data/</c> folder.</summary>
public sealed class MlWriter
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly SavableParams _stage;
    private bool _overwrite;

    internal MlWriter(SavableParams stage) => _stage = stage;

    /// <summary>Replaces an existing folder instead of failing.</summary>
    public MlWriter Overwrite() { _overwrite = true; return this; }

    public void Save(string path)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            if (!_overwrite) throw new PersistenceException($"Path {Path.GetFullPath(path)} already exists. Use Write().Overwrite().Save(path) to replace it.");
            if (File.Exists(path)) File.Delete(path); else Directory.Delete(path, recursive: true);
        }
        Directory.CreateDirectory(path);
        var metadata = new StageMetadata(
            _stage.GetType().FullName!,
            _stage.Uid,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            typeof(MlWriter).Assembly.GetName().Version?.ToString() ?? "0",
            _stage.SetValues.Where(e => e.Param.SavedInMetadata).ToDictionary(e => e.Param.Name, e => e.Param.ToJson(e.Value)),
            _stage.DefaultValues.Where(e => e.Param.SavedInMetadata).ToDictionary(e => e.Param.Name, e => e.Param.ToJson(e.Value)));
        File.WriteAllText(Path.Combine(path, MlReader.MetadataFile), JsonSerializer.Serialize(metadata, Json));
        var data = Path.Combine(path, "data");
        Directory.CreateDirectory(data);
        _stage.SaveData(data);
    }
}
