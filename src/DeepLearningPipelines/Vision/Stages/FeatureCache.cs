using System.Collections.Concurrent;
using System.Security.Cryptography;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// Remembers CNN features by (image content hash, model, layer, preprocessing, resize, pooling), so that tuning the
/// classifier or running a pipeline again does not recompute them. Bounded by <see cref="CapacityBytes"/>; entries
/// beyond it are not added.
/// </summary>
public static class FeatureCache
{
    private static readonly ConcurrentDictionary<string, float[]> Entries = new(StringComparer.Ordinal);
    private static long _bytes;
    private static long _hits, _misses;

    /// <summary>Largest total size of cached vectors (default 1 GiB).</summary>
    public static long CapacityBytes { get; set; } = 1L << 30;

    public static long Hits => Interlocked.Read(ref _hits);
    public static long Misses => Interlocked.Read(ref _misses);
    public static int Count => Entries.Count;

    /// <summary>The key of one image under one feature setting.</summary>
    public static string Key(ImageData image, string setting)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(image.Pixels, hash);
        return $"{Convert.ToHexString(hash)}:{image.Height}x{image.Width}x{image.Channels}|{setting}";
    }

    public static bool TryGet(string key, out float[] features)
    {
        bool found = Entries.TryGetValue(key, out features!);
        Interlocked.Increment(ref found ? ref _hits : ref _misses);
        return found;
    }

    public static void Add(string key, float[] features)
    {
        long size = features.Length * sizeof(float) + key.Length * 2L;
        if (Interlocked.Read(ref _bytes) + size > CapacityBytes) return;
        if (Entries.TryAdd(key, features)) Interlocked.Add(ref _bytes, size);
    }

    /// <summary>Empties the cache and resets the counters.</summary>
    public static void Clear()
    {
        Entries.Clear();
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
    }
}
