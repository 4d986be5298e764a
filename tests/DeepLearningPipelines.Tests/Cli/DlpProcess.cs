using System.Diagnostics;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary>Runs the built <c>dlp</c> command (copied beside the tests) as a user would, capturing its output.</summary>
public static class DlpProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(IDictionary<string, string>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dlp.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); throw new TimeoutException("dlp " + string.Join(" ", args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Run(null, args);
}
