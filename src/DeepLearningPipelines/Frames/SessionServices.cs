using System.Collections.Concurrent;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// The objects one session owns, one per type (caches, loaded models): created on first use and disposed with the
/// session, so that two sessions never share state. Layers above Frames register their own types here.
/// </summary>
public sealed class SessionServices : IDisposable
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _services = new();
    private volatile bool _disposed;

    /// <summary>The session's <typeparamref name="T"/>, made by <paramref name="create"/> on first use (once, even when threads race).</summary>
    public T GetOrAdd<T>(Func<T> create) where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (T)_services.GetOrAdd(typeof(T), _ => new Lazy<object>(() => create())).Value;
    }

    /// <summary>Disposes every created service that is <see cref="IDisposable"/>; later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var service in _services.Values)
            if (service.IsValueCreated && service.Value is IDisposable disposable) disposable.Dispose();
        _services.Clear();
    }
}
