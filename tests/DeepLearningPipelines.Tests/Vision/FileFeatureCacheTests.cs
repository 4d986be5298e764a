using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// Where a pipeline starts from files, cached features are found by the SHA-256 of each file's bytes before it is
/// decoded: a second run over the same folder decodes no image and gives the same features, in the same session or,
/// through <see cref="FeatureCache.Folder"/>, in another one. Runs alone: it counts the process's decodes.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public class FileFeatureCacheTests
{
    private const int Files = 6;

    private static DlpSession NewSession() => DlpSession.Builder().Master("local[2]").NewSession();

    /// <summary>A folder of <see cref="Files"/> PNGs of seeded noise, and the tiny model.</summary>
    private static (string Folder, string Model) Fixture()
    {
        var root = TestPaths.NewTempDir();
        var folder = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        var random = new Random(11);
        for (int i = 0; i < Files; i++)
        {
            var pixels = new byte[16 * 20 * 3];
            random.NextBytes(pixels);
            File.WriteAllBytes(Path.Combine(folder, $"noise{i}.png"), PngEncoder.Encode(new ImageData(16, 20, 3, pixels)));
        }
        return (folder, TinyFeatureModel.Write(Path.Combine(root, "tiny.onnx"), seed: 5));
    }

    /// <summary>The features of every file, by path, and how many images were decoded meanwhile.</summary>
    private static (Dictionary<string, double[]> Features, long Decodes) FeaturizeFiles(DlpSession session, string model, string folder, ImageReadOptions? options = null)
    {
        long before = ImageDecoder.Decodes;
        var features = new DeepImageFeaturizer().SetModelName(model).TransformFiles(session, [folder], options).Collect()
            .ToDictionary(r => (string)r["origin"]!, r => ((Vector)r["features"]!).ToArray());
        return (features, ImageDecoder.Decodes - before);
    }

    [Fact]
    public void ASecondRunOverAFolderDecodesNothingAndGivesTheSameFeatures()
    {
        var (folder, model) = Fixture();
        using var session = NewSession();
        var (first, firstDecodes) = FeaturizeFiles(session, model, folder);
        var (second, secondDecodes) = FeaturizeFiles(session, model, folder);
        Assert.Equal((Files, Files), (first.Count, (int)firstDecodes));
        Assert.Equal(0, secondDecodes);
        Assert.Equal(first, second);
        Assert.Equal((Files, Files), ((int)FeatureCache.For(session).Hits, (int)FeatureCache.For(session).Misses));
    }

    [Fact]
    public void FileFeaturesEqualThoseOfTheDecodedImages()
    {
        var (folder, model) = Fixture();
        using var session = NewSession();
        var (files, _) = FeaturizeFiles(session, model, folder);
        var decoded = new DeepImageFeaturizer().SetModelName(model).SetUseCache(false).Transform(session.ReadImages(folder)).Collect()
            .ToDictionary(r => ImageSchema.Origin((Row)r["image"]!), r => ((Vector)r["features"]!).ToArray());
        Assert.Equal(decoded, files);
    }

    [Fact]
    public void ACacheFolderServesAnotherSessionWithoutDecoding()
    {
        var (folder, model) = Fixture();
        var cacheFolder = Path.Combine(TestPaths.NewTempDir(), "features");
        using var one = NewSession();
        FeatureCache.For(one).Folder = cacheFolder;
        var (first, _) = FeaturizeFiles(one, model, folder);
        Assert.Equal(Files, Directory.GetFiles(cacheFolder).Length);

        using var two = NewSession();
        FeatureCache.For(two).Folder = cacheFolder;
        var (second, decodes) = FeaturizeFiles(two, model, folder);
        Assert.Equal(0, decodes);
        Assert.Equal(first, second);
    }

    [Fact]
    public void AChangedFileOrOtherDecodeOptionsAreComputedAgain()
    {
        var (folder, model) = Fixture();
        using var session = NewSession();
        FeaturizeFiles(session, model, folder);
        File.Copy(Path.Combine(folder, "noise1.png"), Path.Combine(folder, "noise0.png"), overwrite: true);
        var (changed, decodes) = FeaturizeFiles(session, model, folder);
        Assert.Equal(0, decodes); // noise0.png now has the bytes of noise1.png, whose features are cached
        Assert.Equal(changed[Path.Combine(folder, "noise1.png")], changed[Path.Combine(folder, "noise0.png")]);

        var (_, bgrDecodes) = FeaturizeFiles(session, model, folder, new ImageReadOptions { Decode = DecodeOptions.Default with { ForceBgr = true } });
        Assert.Equal(Files, bgrDecodes);
    }

    [Fact]
    public void ImageFileTransformerLooksFilesUpBeforeDecodingThem()
    {
        var (folder, model) = Fixture();
        using var session = NewSession();
        var uris = session.CreateDataFrame(Directory.GetFiles(folder).Select(f => new object?[] { new Uri(f).AbsoluteUri }),
            new StructType(new StructField("uri", DataTypes.String, false)));
        (double[][] Outputs, long Decodes) Run()
        {
            long before = ImageDecoder.Decodes;
            var outputs = new ImageFileTransformer().SetModelFile(model).Transform(uris).Collect()
                .OrderBy(r => (string)r["uri"]!, StringComparer.Ordinal).Select(r => ((Vector)r["predictions"]!).ToArray()).ToArray();
            return (outputs, ImageDecoder.Decodes - before);
        }
        var first = Run();
        var second = Run();
        Assert.Equal(Files, first.Decodes);
        Assert.Equal(0, second.Decodes);
        Assert.Equal(first.Outputs, second.Outputs);
        var uncached = new ImageFileTransformer().SetModelFile(model).SetUseCache(false).Transform(uris).Collect()
            .OrderBy(r => (string)r["uri"]!, StringComparer.Ordinal).Select(r => ((Vector)r["predictions"]!).ToArray()).ToArray();
        Assert.Equal(first.Outputs, uncached);
    }

    [Fact]
    public void PredictorFilesAreLookedUpBeforeDecodingAndImagesByTheirPixels()
    {
        var (folder, model) = Fixture();
        using var session = NewSession();
        (Dictionary<string, double[]> Outputs, long Decodes) FromFiles()
        {
            long before = ImageDecoder.Decodes;
            var outputs = new DeepImagePredictor().SetModelName(model).TransformFiles(session, [folder]).Collect()
                .ToDictionary(r => (string)r["origin"]!, r => ((Vector)r["predicted_labels"]!).ToArray());
            return (outputs, ImageDecoder.Decodes - before);
        }
        var first = FromFiles();
        var second = FromFiles();
        Assert.Equal((Files, 0L), (first.Decodes, second.Decodes));
        Assert.Equal(first.Outputs, second.Outputs);

        Dictionary<string, double[]> Images(bool useCache) => new DeepImagePredictor().SetModelName(model).SetUseCache(useCache)
            .Transform(session.ReadImages(folder)).Collect().ToDictionary(r => ImageSchema.Origin((Row)r["image"]!), r => ((Vector)r["predicted_labels"]!).ToArray());
        var cache = FeatureCache.For(session);
        long hits = cache.Hits;
        Assert.Equal(first.Outputs, Images(useCache: true));
        Assert.Equal(first.Outputs, Images(useCache: true));
        Assert.Equal(hits + Files, cache.Hits);
        Assert.Equal(first.Outputs, Images(useCache: false));
    }
}
