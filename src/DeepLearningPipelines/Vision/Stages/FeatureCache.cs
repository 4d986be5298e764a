using System.Collections.Concurrent;
using System.Security.Cryptography;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// Remembers CNN features by (image content hash, model weights hash, layer, preprocessing, resize, pooling), so that
/// tuning the classifier or running a pipeline again does not recompute them. One per session (<see cref="For"/>), with
/// its own counters; bounded by <see cref="CapacityBytes"/>, entries beyond it are not added.
/// </summary>
public sealed class FeatureCache
{
    private readonly ConcurrentDictionary<string, float[]> _entries = new(StringComparer.Ordinal);
    private long _bytes;
    private long _hits, _misses;

    /// <summary>The feature cache of <paramref name="session"/>, made on first use.</summary>
    public static FeatureCache For(DlpSession session) => session.Services.GetOrAdd(() => new FeatureCache());

    /// <summary>Largest total size of cached vectors (default 1 GiB).</summary>
    public long CapacityBytes { get; set; } = 1L << 30;

    /// <summary>Lookups that found features.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that found nothing.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Cached feature vectors.</summary>
    public int Count => _entries.Count;

    /// <summary>The key of one image under one feature setting.</summary>
    public static string Key(ImageData image, string setting)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(image.Pixels, hash);
        return $"{Convert.ToHexString(hash)}:{image.Height}x{image.Width}x{image.Channels}|{setting}";
    }

    /// <summary>The features cached under <paramref name="key"/>, counting a hit or a miss.</summary>
    public bool TryGet(string key, out float[] features)
    {
        bool found = _entries.TryGetValue(key, out features!);
        Interlocked.Increment(ref found ? ref _hits : ref _misses);
        return found;
    }

    /// <summary>Caches <paramref name="features"/> under <paramref name="key"/> unless that would pass <see cref="CapacityBytes"/>.</summary>
    public void Add(string key, float[] features)
    {
        long size = features.Length * sizeof(float) + key.Length * 2L;
        if (Interlocked.Read(ref _bytes) + size > CapacityBytes) return;
        if (_entries.TryAdd(key, features)) Interlocked.Add(ref _bytes, size);
    }

    /// <summary>Empties the cache and resets the counters.</summary>
    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
    }
}
