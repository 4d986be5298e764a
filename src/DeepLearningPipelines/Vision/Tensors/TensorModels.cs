using System.Collections.Concurrent;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Vision.Tensors;

/// <summary>
/// The models one session has loaded for <see cref="TensorTransformer"/> (a session service), each kept with the
/// identity of its weights files on disk so that a replaced file is loaded again. Zoo names resolve through the
/// session's image-model registry (<see cref="ImageModels.For"/>), files through <see cref="ModelLoader"/>.
/// </summary>
internal sealed class TensorModels : IDisposable
{
    private readonly ConcurrentDictionary<string, (string Identity, Lazy<TensorModel> Model)> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Lazy<TensorModel>> _replaced = [];

    /// <summary>The models <paramref name="session"/> has loaded.</summary>
    public static TensorModels For(DlpSession session) => session.Services.GetOrAdd(() => new TensorModels());

    /// <summary>
    /// The model <paramref name="nameOrPath"/> names, whose graph returns <paramref name="layers"/> (Keras formats and
    /// zoo models: layers whose outputs are kept; an ONNX file keeps every value), run by <paramref name="engine"/> on
    /// <paramref name="device"/> within <paramref name="session"/>'s parallelism.
    /// </summary>
    public static TensorModel Get(DlpSession session, string nameOrPath, IReadOnlyList<string> layers, Engine? engine, string? device)
    {
        device = Devices.Resolve(device);
        Devices.RequireSupported(engine, device);
        var registry = ImageModels.For(session).Registry;
        var zoo = ImageModels.IsZooName(nameOrPath) ? ZooCatalog.Get(nameOrPath) : null;
        // A zoo model comes with its classifier when it has one and those weights are present (or can be downloaded), else as its backbone.
        bool top = zoo is not null && ModelLoader.HasTop(zoo) && registry.Find(zoo.Name, includeTop: true) switch
        {
            { Format: ModelWeightsFormat.TfjsFolder } folder => ImageNetClassifier.HasTopWeights(zoo, folder.Path),
            { } => true,
            null => !registry.IsPresent(zoo.Name, includeTop: false),
        };
        var weights = zoo is not null ? ModelWeightFiles.OfZoo(registry, zoo.Name, top) : ModelWeightFiles.OfFile(ModelLoader.ResolveFile(nameOrPath));
        bool keepsEveryValue = zoo is null && ModelLoader.FormatOf(nameOrPath) == ModelFileFormat.Onnx;
        string key = $"{nameOrPath}|{string.Join(",", layers)}|{engine?.ToString() ?? "default " + Engines.Default}|{device}";
        return For(session).GetOrLoad(key, weights?.Identity ?? "absent", () =>
        {
            var graph = ModelLoader.Load(nameOrPath, new ModelLoadOptions
            {
                Registry = registry,
                IncludeTop = top,
                OutputLayers = layers.Count > 0 && !keepsEveryValue ? layers : null,
            });
            graph.MakeBatchDynamic();
            var files = (zoo is not null ? ModelWeightFiles.OfZoo(registry, zoo.Name, top) : weights)
                ?? throw new ModelWeightsNotFoundException($"The weights of {zoo!.Name} were loaded but are no longer in {registry.Options.ModelsDirectory}; were they moved or deleted meanwhile?");
            return new TensorModel(nameOrPath, graph, files.Sha256(), session.Parallelism, engine, device);
        });
    }

    private TensorModel GetOrLoad(string key, string identity, Func<TensorModel> load)
    {
        while (true)
        {
            var fresh = (identity, new Lazy<TensorModel>(load));
            if (!_entries.TryGetValue(key, out var current))
            {
                if (_entries.TryAdd(key, fresh)) return fresh.Item2.Value;
            }
            else if (current.Identity == identity) return current.Model.Value;
            else if (_entries.TryUpdate(key, fresh, current))
            {
                _replaced.Add(current.Model);
                return fresh.Item2.Value;
            }
        }
    }

    /// <summary>Disposes every loaded model, including those replaced after their file changed.</summary>
    public void Dispose()
    {
        var models = _entries.Values.Select(e => e.Model).Concat(_replaced).Where(l => l.IsValueCreated).ToList();
        _entries.Clear();
        foreach (var model in models) model.Value.Dispose();
    }
}
