using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Cli.Model;

/// <summary>Loads the runtime graph of a model file or of a zoo architecture, as named on the command line.</summary>
internal static class ModelGraphLoader
{
    /// <summary>
    /// An ONNX file, a TF.js <c>model.json</c> (or its folder), a Keras <c>.h5</c>, or a zoo name (its architecture
    /// with the ImageNet top and seeded random weights: the structure is exact, the weight values are not).
    /// </summary>
    public static ModelGraph Load(string nameOrPath)
    {
        if (!File.Exists(nameOrPath) && !Directory.Exists(nameOrPath))
        {
            var zoo = ZooCatalog.Find(nameOrPath)
                ?? throw new ModelFormatException($"Model file {Path.GetFullPath(nameOrPath)} does not exist, and '{nameOrPath}' is not a zoo model ({string.Join(", ", ZooCatalog.Names)}).");
            return zoo.Build(includeTop: true, new SeededRandomWeights());
        }
        return Path.GetExtension(nameOrPath).Equals(".onnx", StringComparison.OrdinalIgnoreCase)
            ? OnnxImporter.Load(nameOrPath)
            : KerasImporter.Load(nameOrPath);
    }
}
