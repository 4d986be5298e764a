using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Tests.Support;

/// <summary>The shared pretrained models, arranged as a models folder the registry understands.</summary>
public static class SharedModels
{
    public static string Folder => Path.Combine(TestPaths.Shared, "models");
    public static string SqueezeNet => Path.Combine(Folder, "squeezenet1.1", "model.onnx");
    public static string Image(string name) => Path.Combine(Folder, "images", name);

    private static readonly Lazy<string> ModelsDirectory = new(() =>
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "models");
        Directory.CreateDirectory(dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "InceptionV3"), Path.Combine(Folder, "inception_v3_backbone"));
        return dir;
    });

    /// <summary>A registry whose InceptionV3 is the shared TF.js backbone (to <c>mixed10</c>); downloads are off.</summary>
    public static ModelRegistry Registry() => new(new ModelRegistryOptions { ModelsDirectory = ModelsDirectory.Value, AllowDownload = false });

    /// <summary>A raw little-endian float32 reference file.</summary>
    public static float[] ReadF32(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
