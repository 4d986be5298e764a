using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>A fact that needs ML.NET's ResNet18 package in the NuGet cache; skipped, saying how to get it, when it is not there.</summary>
public sealed class ResNet18FactAttribute : FactAttribute
{
    public ResNet18FactAttribute()
    {
        var model = ZooCatalog.Get("ResNet18");
        string folder = NuGetModelLocator.PackageFolder(model.Package!, NuGetModelLocator.PackagesFolder());
        if (!model.Package!.Files.All(f => File.Exists(Path.Combine(folder, f))))
            Skip = $"{model.Package.PackageId} {model.Package.Version} is not in the NuGet cache ({folder}): restore the test project (it downloads the package) or set NUGET_PACKAGES.";
    }
}
