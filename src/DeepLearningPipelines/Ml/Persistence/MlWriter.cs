using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Persistence;

/// <summary>
/// Saves a stage to a folder: <c>metadata.json</c> (class, uid, params) and a <c>data/</c> folder. The folder is
/// written under a temporary name and moved into place when complete, so a failed save leaves nothing behind and
/// an overwritten folder stays intact until the new one is ready.
/// </summary>
public sealed class MlWriter
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The version written into <c>metadata.json</c>: this library's assembly version.</summary>
    internal static Version LibraryVersion { get; } = typeof(MlWriter).Assembly.GetName().Version ?? new Version(0, 0);

    private readonly SavableParams _stage;
    private bool _overwrite;

    internal MlWriter(SavableParams stage) => _stage = stage;

    /// <summary>Replaces an existing folder instead of failing.</summary>
    public MlWriter Overwrite() { _overwrite = true; return this; }

    /// <summary>Saves to <paramref name="path"/>; every failure is a <see cref="PersistenceException"/> naming the path.</summary>
    public void Save(string path)
    {
        var target = Path.GetFullPath(path);
        if (!_overwrite && (Directory.Exists(target) || File.Exists(target)))
            throw new PersistenceException($"Path {target} already exists. Use Write().Overwrite().Save(path) to replace it.");
        try { AtomicFile.WriteDirectory(target, WriteStage, replaceExisting: _overwrite); }
        catch (Exception e) when (e is DlpException and not PersistenceException)
        {
            throw new PersistenceException($"Cannot save {_stage.GetType().Name} {_stage.Uid}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PersistenceException($"Cannot save {_stage.GetType().Name} {_stage.Uid} to {target}: {e.Message}", e);
        }
    }

    private void WriteStage(string directory)
    {
        var metadata = new StageMetadata(
            _stage.GetType().FullName!,
            _stage.Uid,
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            LibraryVersion.ToString(),
            _stage.SetValues.Where(e => e.Param.SavedInMetadata).ToDictionary(e => e.Param.Name, e => e.Param.ToJson(e.Value)),
            _stage.DefaultValues.Where(e => e.Param.SavedInMetadata).ToDictionary(e => e.Param.Name, e => e.Param.ToJson(e.Value)),
            _stage.ChildStageUids?.ToArray());
        File.WriteAllText(Path.Combine(directory, MlReader.MetadataFile), JsonSerializer.Serialize(metadata, Json));
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(data);
        _stage.SaveData(data);
    }
}
