using System.Text.Json;
using DeepLearningPipelines.Cli.Models;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Tests.Nn.Keras;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary><c>dlp models list --json</c>: one entry per built-in model with the documented fields; presence follows the models folder.</summary>
public sealed class ModelsListJsonTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dlp-models-list-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void JsonListsEveryModelWithItsFields()
    {
        Directory.CreateSymbolicLink(Path.Combine(_dir, "InceptionV3"), SharedModels.InceptionDir);
        var registry = new ModelRegistry(new ModelRegistryOptions { ModelsDirectory = _dir, AllowDownload = false });
        using var json = JsonDocument.Parse(ModelsListCommand.ToJson(ModelSummary.All(registry)));

        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(ZooCatalog.Names, models.Select(m => m.GetProperty("name").GetString()));
        var inception = models[0];
        Assert.Equal(23_851_784, inception.GetProperty("parameters").GetInt64());
        Assert.Equal(299, inception.GetProperty("inputSize").GetInt32());
        Assert.Equal("tf", inception.GetProperty("preprocessing").GetString());
        Assert.Equal(2048, inception.GetProperty("featureSize").GetInt32());
        Assert.True(inception.GetProperty("weightsPresent").GetBoolean());
        var vgg = models.Single(m => m.GetProperty("name").GetString() == "VGG16");
        Assert.Equal("caffe", vgg.GetProperty("preprocessing").GetString());
        Assert.False(vgg.GetProperty("weightsPresent").GetBoolean());
    }
}
