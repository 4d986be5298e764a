using DeepLearningPipelines.Cli.Bench.Ort;

namespace DeepLearningPipelines.Tests.Cli.Bench;

/// <summary>A fact that needs the ONNX Runtime library; skipped, saying how to install it, when it is not installed.</summary>
public sealed class OrtFactAttribute : FactAttribute
{
    public OrtFactAttribute()
    {
        if (OrtLibraryLocator.Find() is null)
            Skip = $"ONNX Runtime is not installed at {OrtLibraryLocator.Resolve(null)}: run scripts/install-ort.sh (or set DLP_ORT_LIBRARY).";
    }
}
