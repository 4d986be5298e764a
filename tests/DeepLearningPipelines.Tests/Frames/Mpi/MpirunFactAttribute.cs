using System.Diagnostics;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>A fact that launches ranks with Open MPI's <c>mpirun</c>; skipped where mpirun is not on the PATH.</summary>
public sealed class MpirunFactAttribute : FactAttribute
{
    public MpirunFactAttribute()
    {
        if (Mpirun.Path is null) Skip = "mpirun is not on the PATH: install Open MPI (apt-get install openmpi-bin libopenmpi-dev) to run the MPI tests.";
    }
}

/// <summary>Finds <c>mpirun</c> and runs programs under it (or alone, for the single-process answer).</summary>
internal static class Mpirun
{
    public static string? Path { get; } = Find();

    /// <summary>The self-test program copied beside the tests.</summary>
    public static string SelfTest => System.IO.Path.Combine(AppContext.BaseDirectory, "DeepLearningPipelines.MpiSelfTest.dll");

    /// <summary>The dlp command copied beside the tests.</summary>
    public static string Dlp => System.IO.Path.Combine(AppContext.BaseDirectory, "dlp.dll");

    /// <summary>Runs <c>dotnet ARGS</c> on <paramref name="ranks"/> ranks of one machine (0: alone, without mpirun).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Dotnet(int ranks, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(ranks > 0 ? Path! : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] launcher = ranks > 0 ? ["--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(), "dotnet"] : [];
        foreach (var arg in launcher.Concat(args)) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(" ", start.ArgumentList)}' did not finish within {timeout.TotalSeconds} s.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "mpirun"))
            .FirstOrDefault(File.Exists);
}
