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
        if (m is null || string.IsNullOrEmpty(m.Class) || string.IsNullOrEmpty(m.Uid) || string.IsNullOrEmpty(m.Version) || m.ParamMap is null || m.DefaultParamMap is null)
            throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: {MetadataFile} lacks class, uid, version, paramMap or defaultParamMap.");
        CheckVersion(path, m.Version);
        return m;
    }

    /// <summary>Refuses a version that does not parse or that is newer (major.minor) than this library's.</summary>
    private static void CheckVersion(string path, string version)
    {
        var current = MlWriter.LibraryVersion;
        if (!System.Version.TryParse(version, out var saved))
            throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: {MetadataFile} has an unknown format version '{MessageText.Escape(version, 40)}' (this library writes {current}).");
        if (saved.Major > current.Major || (saved.Major == current.Major && saved.Minor > current.Minor))
            throw new PersistenceException($"Cannot load a stage from {Path.GetFullPath(path)}: it was saved by version {saved} of Deep Learning Pipelines, newer than this one ({current}); load it with that version or newer.");
    }

    /// <summary>Checks that the data folder holds exactly the child stage folders the metadata lists, naming the first missing one.</summary>
    private static void CheckChildFolders(string path, StageMetadata m)
    {
        if (m.StageUids is null) return;
        var data = Path.Combine(path, "data");
        var expected = m.StageUids.Select((uid, i) => StageListIO.FolderName(i, uid)).ToArray();
        for (int i = 0; i < expected.Length; i++)
            if (!Directory.Exists(Path.Combine(data, expected[i])))
                throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: stage {i} of {expected.Length} ({m.StageUids[i]}) is missing; its folder data/{expected[i]} was deleted or renamed.");
        var extra = Directory.GetDirectories(data).Select(d => Path.GetFileName(d)).Except(expected).FirstOrDefault();
        if (extra is not null)
            throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: data/{extra} is not one of the {expected.Length} stages listed in {MetadataFile}.");
    }

    /// <summary>Checks that the loaded child stages carry the uids the metadata lists.</summary>
    private static void CheckChildStages(string path, StageMetadata m, SavableParams stage)
    {
        var loaded = stage.ChildStageUids;
        if (loaded is null || m.StageUids is null || loaded.SequenceEqual(m.StageUids)) return;
        throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: its stage folders hold [{string.Join(", ", loaded)}] but {MetadataFile} lists [{string.Join(", ", m.StageUids)}].");
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
        CheckChildFolders(path, m);
        try { stage.LoadData(data); }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            throw new PersistenceException($"Cannot load {m.Class} from {Path.GetFullPath(path)}: its data is corrupt or incomplete ({e.Message}).", e);
        }
        CheckChildStages(path, m, stage);
        return stage;
    }
}
