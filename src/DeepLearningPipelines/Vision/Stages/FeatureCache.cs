using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// Remembers CNN features by (image, model weights hash, layer, preprocessing, resize, pooling), so that tuning the
/// classifier or running a pipeline again does not recompute them. An image read from a file is identified by the
/// SHA-256 of the file's bytes (<see cref="FileKey"/>), looked up before it is decoded; an image given as pixels by a
/// fast 128-bit hash of them (<see cref="Key"/>). One per session (<see cref="For"/>), with its own counters; bounded in
/// memory by <see cref="CapacityBytes"/>, entries beyond it are not added. With <see cref="Folder"/> set, features of
/// files are also kept on disk, so that a later process finds them.
/// </summary>
public sealed class FeatureCache
{
    private const string FilePrefix = "file:";

    /// <summary>Seeds the pixel hash per process, so that colliding images cannot be prepared in advance.</summary>
    private static readonly long PixelSeed = Random.Shared.NextInt64();

    private readonly ConcurrentDictionary<string, float[]> _entries = new(StringComparer.Ordinal);
    private long _bytes;
    private long _hits, _misses;

    /// <summary>The feature cache of <paramref name="session"/>, made on first use.</summary>
    public static FeatureCache For(DlpSession session) => session.Services.GetOrAdd(() => new FeatureCache());

    /// <summary>Largest total size of cached vectors in memory (default 1 GiB).</summary>
    public long CapacityBytes { get; set; } = 1L << 30;

    /// <summary>
    /// A folder that also keeps the features of files (those cached under a <see cref="FileKey"/>), one small file per
    /// entry, so that other sessions and processes find them; null (default): memory only. It is not bounded.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>Lookups that found features.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that found nothing.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Feature vectors cached in memory.</summary>
    public int Count => _entries.Count;

    /// <summary>The key of decoded pixels under one feature setting (XxHash128 of the pixels and their shape).</summary>
    public static string Key(ImageData image, string setting)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(image.Pixels, hash, PixelSeed);
        return $"pixels:{Convert.ToHexString(hash)}:{image.Height}x{image.Width}x{image.Channels}|{setting}";
    }

    /// <summary>
    /// The key of an image file's bytes under one feature setting (SHA-256 of the bytes); <paramref name="setting"/>
    /// must include how the file is decoded.
    /// </summary>
    public static string FileKey(ReadOnlySpan<byte> fileBytes, string setting)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(fileBytes, hash);
        return $"{FilePrefix}{Convert.ToHexString(hash)}|{setting}";
    }

    /// <summary>The features cached under <paramref name="key"/> (in memory, else in <see cref="Folder"/>), counting a hit or a miss.</summary>
    public bool TryGet(string key, out float[] features)
    {
        bool found = _entries.TryGetValue(key, out features!) || TryRead(key, out features);
        Interlocked.Increment(ref found ? ref _hits : ref _misses);
        return found;
    }

    /// <summary>
    /// Caches <paramref name="features"/> under <paramref name="key"/> in memory unless that would pass
    /// <see cref="CapacityBytes"/>, and in <see cref="Folder"/> when it is the key of a file.
    /// </summary>
    public void Add(string key, float[] features)
    {
        Remember(key, features);
        if (Folder is { } folder && key.StartsWith(FilePrefix, StringComparison.Ordinal)) Write(folder, key, features);
    }

    /// <summary>Empties the cache in memory (not <see cref="Folder"/>) and resets the counters.</summary>
    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _bytes, 0);
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
    }

    private void Remember(string key, float[] features)
    {
        long size = features.Length * sizeof(float) + key.Length * 2L;
        if (Interlocked.Read(ref _bytes) + size > CapacityBytes) return;
        if (_entries.TryAdd(key, features)) Interlocked.Add(ref _bytes, size);
    }

    /// <summary>The file of <paramref name="key"/> in <paramref name="folder"/>: the SHA-256 of the key, so that any setting fits a file name.</summary>
    private static string PathOf(string folder, string key) =>
        Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".f32");

    /// <summary>Reads an entry written by <see cref="Write"/>: the key (length-prefixed UTF-8), then the floats, little-endian.</summary>
    private bool TryRead(string key, out float[] features)
    {
        features = [];
        if (Folder is not { } folder || !key.StartsWith(FilePrefix, StringComparison.Ordinal)) return false;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(PathOf(folder, key)); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return false; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DlpException($"Cannot read the feature cache in {folder}: {e.Message}"); }
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < 4 || BinaryPrimitives.ReadInt32LittleEndian(bytes) != keyBytes.Length || bytes.Length < 4 + keyBytes.Length
            || !bytes.AsSpan(4, keyBytes.Length).SequenceEqual(keyBytes) || (bytes.Length - 4 - keyBytes.Length) % sizeof(float) != 0)
            return false;
        var values = bytes.AsSpan(4 + keyBytes.Length);
        features = new float[values.Length / sizeof(float)];
        for (int i = 0; i < features.Length; i++) features[i] = BinaryPrimitives.ReadSingleLittleEndian(values[(i * sizeof(float))..]);
        Remember(key, features);
        return true;
    }

    private static void Write(string folder, string key, float[] features)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var bytes = new byte[4 + keyBytes.Length + features.Length * sizeof(float)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, keyBytes.Length);
        keyBytes.CopyTo(bytes, 4);
        for (int i = 0; i < features.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 + keyBytes.Length + i * sizeof(float)), features[i]);
        try
        {
            Directory.CreateDirectory(folder);
            AtomicFile.Write(PathOf(folder, key), stream => stream.Write(bytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot write the feature cache in {folder}: {e.Message}. Free some space, or choose another cache folder.");
        }
    }
}
