using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Fuzz;

/// <summary>Imports an ONNX model and prepares it for execution (sorting, optimisation, shape inference) without running it.</summary>
internal static class OnnxTarget
{
    public static void Run(byte[] data)
    {
        // External-data references resolve inside an empty folder, so they fail as missing files.
        var graph = OnnxImporter.Load(data, ScratchFolder.Fresh(), "fuzz-input.onnx");
        new GraphExecutor(graph).Dispose();
    }
}
