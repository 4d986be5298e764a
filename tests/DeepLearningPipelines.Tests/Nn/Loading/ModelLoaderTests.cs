using System.IO.Compression;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Zoo;
using DeepLearningPipelines.Tests.Support;
using KerasModels = DeepLearningPipelines.Tests.Nn.Keras.SharedModels;

namespace DeepLearningPipelines.Tests.Nn.Loading;

/// <summary>Every model format and zoo name through the one loader, and its errors naming the file.</summary>
public class ModelLoaderTests
{
    private static string Fixture(string name) => Path.Combine(TestData.RepoRoot(), "tests", "DeepLearningPipelines.Tests", "Fixtures", "keras", name);

    private static ModelRegistry EmptyRegistry() =>
        new(new ModelRegistryOptions { ModelsDirectory = TestPaths.NewTempDir(), AllowDownload = false });

    private static int[] OutputShape(ModelGraph graph) => graph.Outputs[0].Shape;

    [Fact]
    public void LoadsAnOnnxFile()
    {
        var graph = ModelLoader.Load(Support.SharedModels.SqueezeNet);
        Assert.Equal(ModelFileFormat.Onnx, ModelLoader.FormatOf(Support.SharedModels.SqueezeNet));
        Assert.Equal("data_0", graph.Inputs[0].Name);
        Assert.Equal("softmaxout_1", graph.Outputs[0].Name);
    }

    [Fact]
    public void ATfjsFolderLoadsAsItsModelJson()
    {
        var fromFolder = ModelLoader.Load(KerasModels.MobileNetDir);
        var fromJson = ModelLoader.Load(Path.Combine(KerasModels.MobileNetDir, "model.json"));
        Assert.Equal(ModelFileFormat.TfjsLayers, ModelLoader.FormatOf(KerasModels.MobileNetDir));
        Assert.Equal(fromJson.Nodes.Select(n => n.Op), fromFolder.Nodes.Select(n => n.Op));
        Assert.Equal([-1, 1000], OutputShape(fromFolder));
    }

    [Theory]
    [InlineData(".h5")]
    [InlineData(".hdf5")]
    [InlineData(".keras")]
    public void AKerasHdf5FileLoadsUnderEachOfItsExtensions(string extension)
    {
        string file = Path.Combine(TestPaths.NewTempDir(), "mobilenet" + extension);
        File.Copy(Fixture("mobilenet_v1_0.25_full.h5"), file);
        var graph = ModelLoader.Load(file);
        var tfjs = ModelLoader.Load(KerasModels.MobileNetDir);
        Assert.Equal(ModelFileFormat.KerasHdf5, ModelLoader.FormatOf(file));
        Assert.Equal(tfjs.Nodes.Select(n => n.Op), graph.Nodes.Select(n => n.Op));
        Assert.Equal(OutputShape(tfjs), OutputShape(graph));
    }

    [Fact]
    public void AKerasFileReturnsTheRequestedFeatureLayer()
    {
        var graph = ModelLoader.Load(KerasModels.MobileNetDir, new ModelLoadOptions { OutputLayers = ["conv_pw_13_relu"] });
        Assert.Equal("conv_pw_13_relu", Assert.Single(graph.Outputs).Name);
        Assert.Equal([-1, 7, 7, 256], OutputShape(graph));
    }

    [Fact]
    public void AKeras3ArchiveIsRefusedSayingHowToConvertIt()
    {
        string file = Path.Combine(TestPaths.NewTempDir(), "model.keras");
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Create)) zip.CreateEntry("config.json");
        var error = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(file));
        Assert.Contains(file, error.Message);
        Assert.Contains("Keras 3 .keras archive", error.Message);
        Assert.Contains("model.h5", error.Message);
    }

    [Fact]
    public void ErrorsNameTheFile()
    {
        string dir = TestPaths.NewTempDir();
        string unknown = Path.Combine(dir, "model.pb");
        File.WriteAllText(unknown, "x");
        Assert.Contains(unknown, Assert.Throws<ModelFormatException>(() => ModelLoader.Load(unknown)).Message);
        string broken = Path.Combine(dir, "broken.onnx");
        File.WriteAllBytes(broken, [1, 2, 3]);
        Assert.Contains(broken, Assert.Throws<ModelFormatException>(() => ModelLoader.Load(broken)).Message);
        string empty = Path.Combine(dir, "empty");
        Directory.CreateDirectory(empty);
        Assert.Contains(empty, Assert.Throws<ModelFormatException>(() => ModelLoader.Load(empty)).Message);
        var missing = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(Path.Combine(dir, "nothing.onnx")));
        Assert.Contains("nothing.onnx", missing.Message);
        Assert.Contains("ResNet50", missing.Message);
    }

    [Fact]
    public void AZooNameUsesTheRegistrysWeightsWhenPresent()
    {
        var registry = Support.SharedModels.Registry();
        var options = new ModelLoadOptions { Registry = registry, IncludeTop = false, ZooWeights = ZooWeights.SeededRandomWhenAbsent };
        var graph = ModelLoader.Load("InceptionV3", options);
        var expected = registry.Load("InceptionV3");
        var (name, weights) = expected.Initializers.First();
        Assert.Equal(weights.ToArray(), graph.Initializers[name].ToArray());
    }

    [Fact]
    public void AZooArchitectureGetsSeededRandomWeightsOnlyWhenAskedTo()
    {
        var registry = EmptyRegistry();
        Assert.Throws<ModelWeightsNotFoundException>(() => ModelLoader.Load("MobileNetV2", new ModelLoadOptions { Registry = registry }));
        var options = new ModelLoadOptions { Registry = registry, ZooWeights = ZooWeights.SeededRandomWhenAbsent, Seed = 3 };
        var first = ModelLoader.Load("MobileNetV2", options);
        var second = ModelLoader.Load("MobileNetV2", options);
        Assert.Equal([-1, 1000], OutputShape(first));
        var (name, weights) = first.Initializers.First(kv => kv.Value.Length > 100);
        Assert.Equal(weights.ToArray(), second.Initializers[name].ToArray());
        Assert.NotEqual(weights.ToArray(), ModelLoader.Load("MobileNetV2", options with { Seed = 4 }).Initializers[name].ToArray());
    }

    [ResNet18Fact]
    public void ResNet18LoadsFromItsNuGetPackageWithoutATop()
    {
        var options = new ModelLoadOptions { Registry = EmptyRegistry(), ZooWeights = ZooWeights.SeededRandomWhenAbsent };
        var graph = ModelLoader.Load("ResNet18", options);
        var zoo = ZooCatalog.Get("ResNet18");
        Assert.False(ModelLoader.HasTop(zoo));
        Assert.Equal(zoo.FeatureLayer, graph.Outputs[0].Name);
        Assert.Equal(zoo.PooledFeatureSize, graph.Outputs[0].Shape.Skip(1).Aggregate(1, (a, d) => a * d));
    }
}
