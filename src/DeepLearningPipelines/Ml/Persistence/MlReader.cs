using System.Text.Json;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Persistence;

/// <summary>Loads any saved stage: reads its metadata, creates the class it names and restores params and data.</summary>
public static class MlReader
{
    internal const string MetadataFile = "metadata.json";

    /// <summary>Reads and checks <c>metadata.json</c>; the error names the path and what is wrong.</summary>
    public static StageMetadata ReadMetadata(string path)
    {
        if (!Directory.Exists(path)) throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: the folder does not exist.");
        var file = Path.Combine(path, MetadataFile);
        if (!File.Exists(file)) throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: {MetadataFile} is missing, so this is not a saved stage folder.");
        StageMetadata? m;
        try { m = JsonSerializer.Deserialize<StageMetadata>(File.ReadAllText(file), MlWriter.Json); }
        catch (JsonException e) { throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: {MetadataFile} is not valid JSON ({e.Message}).", e); }
        if (m is null || string.IsNullOrEmpty(m.Class) || string.IsNullOrEmpty(m.Uid) || m.ParamMap is null || m.DefaultParamMap is null)
            throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: {MetadataFile} lacks class, uid, paramMap or defaultParamMap.");
        return m;
    }

    public static SavableParams Load(string path)
    {
        var m = ReadMetadata(path);
        var type = typeof(MlReader).Assembly.GetType(m.Class) ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(m.Class)).FirstOrDefault(t => t is not null);
        if (type is null || !typeof(SavableParams).IsAssignableFrom(type) || type.IsAbstract)
            throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: class '{m.Class}' is not a known savable stage or evaluator.");
        var ctor = type.GetConstructor([typeof(string)])
            ?? throw new PersistenceException($"Cannot load {m.Class}: it has no constructor taking a uid.");
        var stage = (SavableParams)ctor.Invoke([m.Uid]);
        try
        {
            foreach (var (name, json) in m.DefaultParamMap)
                if (stage.HasParam(name)) { var p = stage.GetParam(name); stage.SetDefaultUntyped(p, p.FromJson(json)); }
            foreach (var (name, json) in m.ParamMap)
            {
                var p = stage.GetParam(name);
                stage.SetUntyped(p, p.FromJson(json));
            }
        }
        catch (Exception e) when (e is JsonException or ParamException or NotSupportedException)
        {
            throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: a saved param is invalid ({e.Message}).", e);
        }
        var data = Path.Combine(path, "data");
        if (!Directory.Exists(data)) throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: the data folder is missing.");
        try { stage.LoadData(data); }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: its data is corrupt or incomplete ({e.Message}).", e);
        }
        return stage;
    }
}
