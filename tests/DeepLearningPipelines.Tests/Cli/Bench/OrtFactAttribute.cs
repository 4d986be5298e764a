using DeepLearningPipelines.Nn.Execution;

namespace DeepLearningPipelines.Tests.Cli.Bench;

/// <summary>A fact that needs ONNX Runtime's native library (from the Microsoft.ML.OnnxRuntime package); skipped, saying why, when it cannot load.</summary>
public sealed class OrtFactAttribute : FactAttribute
{
    public OrtFactAttribute()
    {
        if (OnnxRuntimeLibrary.LoadError is { } error) Skip = $"ONNX Runtime cannot be loaded: {error}";
    }
}
