using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Tests.Nn.Execution;

namespace DeepLearningPipelines.Tests.Nn.Keras;

/// <summary>Paths and reference tensors of the shared TF.js fixtures (see ../shared/models/README.md).</summary>
internal static class SharedModels
{
    public static string MobileNetDir => Path.Combine(TestData.ModelsDir, "mobilenet_v1_0.25");
    public static string InceptionDir => Path.Combine(TestData.ModelsDir, "inception_v3_backbone");

    public static float[] MobileNetReference(string file) => TestData.ReadF32(Path.Combine(MobileNetDir, "reference_tfjs", file));
    public static float[] InceptionReference(string file) => TestData.ReadF32(Path.Combine(InceptionDir, "reference_tfjs", file));

    /// <summary>Runs <paramref name="graph"/> on one NHWC image on <paramref name="engine"/> and returns its outputs as arrays.</summary>
    public static Dictionary<string, float[]> Run(ModelGraph graph, float[] input, int size, Engine engine = Engine.Managed)
    {
        using var tensor = new Tensor(input, 1, size, size, 3);
        return EngineRunner.Run(engine, graph, tensor);
    }
}
