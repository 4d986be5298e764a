using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DeepLearningPipelines.Tests.Ui;

/// <summary>A running <c>dlp … --ui 0</c> and its job page open in headless Chromium.</summary>
internal sealed class LiveDlp : IAsyncDisposable
{
    private readonly StringBuilder _stdout = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private LiveDlp(Process process) => Process = process;

    /// <summary>The <c>dlp</c> process.</summary>
    public Process Process { get; }

    /// <summary>The job page.</summary>
    public IPage Page { get; private set; } = null!;

    /// <summary>What <c>dlp</c> printed on stdout so far.</summary>
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    /// <summary>Starts <c>dlp</c> with <paramref name="args"/> (which must include <c>--ui 0</c>) and opens its page.</summary>
    public static async Task<LiveDlp> StartAsync(params string[] args)
    {
        var dlp = new LiveDlp(StartDlp(args));
        try
        {
            string url = await ReadUrlAsync(dlp.Process);
            dlp.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (dlp._stdout) dlp._stdout.AppendLine(e.Data); };
            dlp.Process.BeginOutputReadLine();
            dlp._playwright = await Playwright.CreateAsync();
            dlp._browser = await dlp._playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.Path, Headless = true });
            dlp.Page = await dlp._browser.NewPageAsync();
            await dlp.Page.GotoAsync(url);
            return dlp;
        }
        catch
        {
            await dlp.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <c>dlp</c> with stdout and stderr redirected.</summary>
    public static Process StartDlp(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dlp.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        return Process.Start(psi)!;
    }

    /// <summary>The URL the command prints once on the first line of stderr, then keeps reading stderr so it never blocks.</summary>
    public static async Task<string> ReadUrlAsync(Process dlp)
    {
        var line = await dlp.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var match = Regex.Match(line ?? "", @"^Job page: (http://127\.0\.0\.1:\d+/)$");
        Assert.True(match.Success, $"expected 'Job page: URL' first on stderr, got '{line}'");
        _ = dlp.StandardError.ReadToEndAsync();
        return match.Groups[1].Value;
    }

    /// <summary>Waits until the page shows the job done (failing on <c>failed</c>), then until <c>dlp</c> exits with 0.</summary>
    public async Task WaitUntilDoneAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        string? state;
        while ((state = await Page.TextContentAsync("#state")) != "done")
        {
            Assert.NotEqual("failed", state);
            Assert.True(watch.Elapsed < limit, $"the page did not show the job done within {limit.TotalSeconds} s (state '{state}')");
            await Task.Delay(100);
        }
        Assert.True(Process.WaitForExit(TimeSpan.FromSeconds(10)), "dlp kept running after the page had shown the final report");
        Assert.Equal(0, Process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited) Process.Kill(true);
        Process.Dispose();
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
