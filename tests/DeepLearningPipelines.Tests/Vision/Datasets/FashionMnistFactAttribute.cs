using DeepLearningPipelines.Vision.Datasets;

namespace DeepLearningPipelines.Tests.Vision.Datasets;

/// <summary>A fact that needs the Fashion-MNIST IDX files (Debian's <c>dataset-fashion-mnist</c>).</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsAvailable())
            Skip = $"Fashion-MNIST is not in {FashionMnist.Folder()}: apt-get install dataset-fashion-mnist (scripts/install-deps.sh does) or set DLP_FASHION_MNIST.";
    }
}
