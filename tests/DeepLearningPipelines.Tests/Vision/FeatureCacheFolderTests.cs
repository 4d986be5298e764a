using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// <see cref="FeatureCache.Folder"/> keeps the features of files (not of pixels) for other caches to find, and an entry
/// that is damaged or belongs to another key is a miss, not an error or a wrong answer.
/// </summary>
public class FeatureCacheFolderTests
{
    private static readonly float[] Features = [1.5f, -2.25f, float.MaxValue, 0f];

    private static string FileKey(string content) => FeatureCache.FileKey(System.Text.Encoding.UTF8.GetBytes(content), "model|224x224|avg");

    [Fact]
    public void AnotherCacheOnTheFolderFindsTheFeaturesOfAFile()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), "cache");
        new FeatureCache { Folder = folder }.Add(FileKey("a"), Features);
        var other = new FeatureCache { Folder = folder };
        Assert.True(other.TryGet(FileKey("a"), out var found));
        Assert.Equal(Features, found);
        Assert.False(other.TryGet(FileKey("b"), out _));
        Assert.Equal((1L, 1L), (other.Hits, other.Misses));
    }

    [Fact]
    public void FeaturesOfPixelsStayInMemory()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), "cache");
        var cache = new FeatureCache { Folder = folder };
        var key = FeatureCache.Key(new ImageData(2, 2, 3, new byte[12]), "model|224x224|avg");
        cache.Add(key, Features);
        Assert.True(cache.TryGet(key, out _));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ADamagedOrForeignEntryIsAMiss()
    {
        var folder = Path.Combine(TestPaths.NewTempDir(), "cache");
        var writer = new FeatureCache { Folder = folder };
        writer.Add(FileKey("a"), Features);
        writer.Add(FileKey("b"), Features);
        string a = EntryOf(folder, "a"), b = EntryOf(folder, "b");
        var whole = File.ReadAllBytes(a);
        File.WriteAllBytes(a, whole[..^2]); // truncated
        File.WriteAllBytes(b, whole); // holds the entry of "a"
        var cache = new FeatureCache { Folder = folder };
        Assert.False(cache.TryGet(FileKey("a"), out _));
        Assert.False(cache.TryGet(FileKey("b"), out _));
        File.WriteAllBytes(a, whole);
        Assert.True(cache.TryGet(FileKey("a"), out var found));
        Assert.Equal(Features, found);
    }

    /// <summary>The file of <paramref name="content"/>'s key in <paramref name="folder"/>, found by writing it to an empty folder.</summary>
    private static string EntryOf(string folder, string content)
    {
        var probe = Path.Combine(TestPaths.NewTempDir(), "probe");
        new FeatureCache { Folder = probe }.Add(FileKey(content), Features);
        return Path.Combine(folder, Path.GetFileName(Directory.GetFiles(probe).Single()));
    }
}
