using DeepLearningPipelines.Cli.Bench.Ort;

namespace DeepLearningPipelines.Tests.Cli.Bench;

/// <summary>A theory that needs the ONNX Runtime library; skipped like <see cref="OrtFactAttribute"/> when it is not installed.</summary>
public sealed class OrtTheoryAttribute : TheoryAttribute
{
    public OrtTheoryAttribute()
    {
        if (OrtLibraryLocator.Find() is null)
            Skip = $"ONNX Runtime is not installed at {OrtLibraryLocator.Resolve(null)}: run scripts/install-ort.sh (or set DLP_ORT_LIBRARY).";
    }
}
