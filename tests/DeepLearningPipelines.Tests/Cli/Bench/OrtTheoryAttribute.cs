using DeepLearningPipelines.Nn.Execution;

namespace DeepLearningPipelines.Tests.Cli.Bench;

/// <summary>A theory that needs ONNX Runtime's native library; skipped like <see cref="OrtFactAttribute"/> when it cannot load.</summary>
public sealed class OrtTheoryAttribute : TheoryAttribute
{
    public OrtTheoryAttribute()
    {
        if (OnnxRuntimeLibrary.LoadError is { } error) Skip = $"ONNX Runtime cannot be loaded: {error}";
    }
}
