using System.Collections.Concurrent;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// The image models one session has loaded, so that its pipelines, cross-validation folds and partitions share them,
/// and the registry that resolves its zoo names. Each model is kept with the identity of its weights files on disk:
/// a request after a file was replaced loads the model again. Get one through <see cref="ImageModels.For"/>.
/// </summary>
public sealed class LoadedImageModels : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Lazy<ImageModel>> _replaced = [];

    /// <summary>Starts empty, resolving zoo names through <paramref name="registry"/>.</summary>
    public LoadedImageModels(ModelRegistry registry) => Registry = registry;

    /// <summary>The registry used for zoo names.</summary>
    public ModelRegistry Registry { get; set; }

    /// <summary>Loaded (or loading) models.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The model loaded under <paramref name="key"/> from weights whose on-disk identity is <paramref name="identity"/>,
    /// loading it with <paramref name="load"/> (once, even when threads race) when absent or when the identity changed.
    /// </summary>
    internal ImageModel GetOrLoad(string key, string identity, Func<ImageModel> load)
    {
        while (true)
        {
            var fresh = new Entry(identity, new Lazy<ImageModel>(load));
            if (!_entries.TryGetValue(key, out var current))
            {
                if (_entries.TryAdd(key, fresh)) return fresh.Model.Value;
            }
            else if (current.Identity == identity) return current.Model.Value;
            else if (_entries.TryUpdate(key, fresh, current))
            {
                _replaced.Add(current.Model);
                return fresh.Model.Value;
            }
        }
    }

    /// <summary>
    /// Drops every loaded model and disposes it (they are loaded again on next use); models replaced after their file
    /// changed are disposed here too, not when replaced, since a running transform may still hold them.
    /// </summary>
    public void Clear()
    {
        var models = _entries.Values.Select(e => e.Model).ToList();
        _entries.Clear();
        while (_replaced.TryTake(out var old)) models.Add(old);
        foreach (var m in models.Distinct().Where(l => l.IsValueCreated)) m.Value.Dispose();
    }

    /// <summary>Disposes every loaded model.</summary>
    public void Dispose() => Clear();

    private sealed record Entry(string Identity, Lazy<ImageModel> Model);
}
