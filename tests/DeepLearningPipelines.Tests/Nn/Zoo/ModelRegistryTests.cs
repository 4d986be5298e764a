using System.Security.Cryptography;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Keras;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>
/// The model registry against a temporary models folder and a local HTTP server: TF.js folders and official file names
/// are found, downloads resume (after a cut connection and from an existing part), digests are enforced with nothing
/// left behind on mismatch, and offline misses name the file, digest and folder.
/// </summary>
public sealed class ModelRegistryTests : IDisposable
{
    private const string NoTopFile = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5";
    private readonly string _dir = Directory.CreateTempSubdirectory("dlp-models-").FullName;
    private readonly byte[] _payload = RandomNumberGenerator.GetBytes(300_000);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Sha256 => Convert.ToHexStringLower(SHA256.HashData(_payload));

    private ModelRegistry Registry(Uri baseUrl, string sha256) => new(new ModelRegistryOptions
    {
        ModelsDirectory = _dir,
        BaseUrl = baseUrl,
        Sha256ByFileName = new Dictionary<string, string> { [NoTopFile] = sha256 },
    });

    [Fact]
    public async Task FetchDownloadsVerifiesAndRenames()
    {
        await using var server = new LocalHttpServer(_payload);
        var reports = new List<DownloadProgress>();
        string path = await Registry(server.BaseUrl, Sha256).FetchAsync("InceptionV3", progress: reports.Add);

        Assert.Equal(Path.Combine(_dir, NoTopFile), path);
        Assert.Equal(_payload, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(WeightsDownloader.PartPath(path)));
        Assert.Equal(new DownloadProgress(_payload.Length, _payload.Length), reports[^1]);
        Assert.Equal([null], server.Ranges);
    }

    [Fact]
    public async Task DownloadResumesAfterACutConnection()
    {
        await using var server = new LocalHttpServer(_payload, cutFirstResponseAfter: 100_000);
        string path = await Registry(server.BaseUrl, Sha256).FetchAsync("InceptionV3");

        Assert.Equal(_payload, await File.ReadAllBytesAsync(path));
        Assert.Equal([null, "bytes=100000-"], server.Ranges);
    }

    [Fact]
    public async Task DownloadResumesAnExistingPart()
    {
        await File.WriteAllBytesAsync(WeightsDownloader.PartPath(Path.Combine(_dir, NoTopFile)), _payload[..5000]);
        await using var server = new LocalHttpServer(_payload);
        string path = await Registry(server.BaseUrl, Sha256).FetchAsync("InceptionV3");

        Assert.Equal(_payload, await File.ReadAllBytesAsync(path));
        Assert.Equal(["bytes=5000-"], server.Ranges);
    }

    [Fact]
    public async Task CorruptedDownloadLeavesNoFile()
    {
        var corrupted = (byte[])_payload.Clone();
        corrupted[12345] ^= 0xFF;
        await using var server = new LocalHttpServer(corrupted);
        var ex = await Assert.ThrowsAsync<DlpException>(() => Registry(server.BaseUrl, Sha256).FetchAsync("InceptionV3"));

        Assert.Contains($"expected {Sha256}", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void OfflineMissNamesFileDigestAndFolder()
    {
        var registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = _dir, AllowDownload = false });
        var ex = Assert.Throws<ModelWeightsNotFoundException>(() => registry.Load("InceptionV3"));

        Assert.Contains(NoTopFile, ex.Message);
        Assert.Contains("MD5 bcbd6486424b2319ff4ef7d526e38f63", ex.Message);
        Assert.Contains(_dir, ex.Message);
        Assert.Contains("https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/" + NoTopFile, ex.Message);
        Assert.False(registry.IsPresent("InceptionV3"));
    }

    [Fact]
    public void OfficialFileWithWrongDigestIsRejected()
    {
        File.WriteAllBytes(Path.Combine(_dir, NoTopFile), _payload);
        var registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = _dir, AllowDownload = false });
        var ex = Assert.Throws<DlpException>(() => registry.Find("InceptionV3", includeTop: false));
        Assert.Contains("expected bcbd6486424b2319ff4ef7d526e38f63", ex.Message);
    }

    [Fact]
    public void TfjsFolderNamedAfterTheModelIsUsed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_dir, "InceptionV3"), SharedModels.InceptionDir);
        var registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = _dir, AllowDownload = false });

        var location = registry.Find("inceptionv3", includeTop: false);
        Assert.NotNull(location);
        Assert.Equal(ModelWeightsFormat.TfjsFolder, location.Format);
        var graph = registry.Load("InceptionV3");
        Assert.Equal("mixed10", graph.Outputs[0].Name);
        Assert.Equal([-1, 8, 8, 2048], graph.Outputs[0].Shape);
    }

    [Theory]
    [InlineData(Engine.Managed)]
    [InlineData(Engine.OnnxRuntime)]
    public void OfficialFileNameIsUsedWithAndWithoutTop(Engine engine)
    {
        // The h5 fixture holds MobileNet v1 0.25 with its top, as the official mobilenet_2_5_224_tf.h5 does (no published digest).
        string fixture = Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", "mobilenet_v1_0.25_full.h5");
        File.Copy(fixture, Path.Combine(_dir, "mobilenet_2_5_224_tf.h5"));
        var registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = _dir, AllowDownload = false });

        Assert.Equal(ModelWeightsFormat.KerasHdf5, registry.Find("MobileNet_0.25", includeTop: false)!.Format);
        var probs = SharedModels.Run(registry.Load("MobileNet_0.25", includeTop: true), SharedModels.MobileNetReference("coffee.input.f32"), 224, engine)["predictions"];
        TestData.AssertClose(SharedModels.MobileNetReference("coffee.probs.f32"), probs, 1e-5f, context: "coffee probs");
        Assert.Equal([-1, 7, 7, 256], registry.Load("MobileNet_0.25").Outputs[0].Shape);
    }

    [Fact]
    public void UnknownModelListsTheKnownOnes()
    {
        var registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = _dir, AllowDownload = false });
        var ex = Assert.Throws<ParamException>(() => registry.Find("AlexNet", includeTop: false));
        Assert.Contains("InceptionV3, Xception, ResNet50, VGG16, VGG19, MobileNetV2, MobileNet", ex.Message);
    }
}
