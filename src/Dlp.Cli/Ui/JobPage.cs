using System.Net;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Core.Progress;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepLearningPipelines.Cli.Ui;

/// <summary>
/// The live job page: a local web server bound to 127.0.0.1 serving <c>/</c> (the page) and <c>/api/job</c> (the
/// job's <see cref="JobSnapshot"/> as JSON, which the page polls).
/// </summary>
internal sealed class JobPage : IDisposable
{
    /// <summary>How long the page stays up after the job has ended, waiting for a browser to fetch the final state.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly ManualResetEventSlim _finalStateShown = new();

    private JobPage(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:4040/</c>.</summary>
    public string Url { get; }

    /// <summary>Starts serving <paramref name="job"/> on 127.0.0.1:<paramref name="port"/> (0: a free port).</summary>
    /// <exception cref="ParamException">The port is taken or cannot be bound.</exception>
    public static JobPage Start(JobProgress job, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        JobPage? page = null;
        app.MapGet("/", () => Results.Content(JobPageHtml.Text, "text/html; charset=utf-8"));
        app.MapGet("/api/job", () =>
        {
            var snapshot = job.Snapshot();
            if (snapshot.State != "running") page?._finalStateShown.Set();
            return Results.Json(snapshot);
        });
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new ParamException($"--ui {port}: cannot listen on 127.0.0.1:{port} ({e.Message}). Pick another port, or 0 for any free one.");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        page = new JobPage(app, address.TrimEnd('/') + "/");
        return page;
    }

    /// <summary>Once the job has ended, keeps serving until a page has fetched the final state, at most <paramref name="limit"/>.</summary>
    public void WaitUntilFinalStateShown(TimeSpan limit)
    {
        if (_finalStateShown.IsSet) return;
        Console.Error.WriteLine($"Job ended; {Url} stays up until it has shown the final state (at most {limit.TotalSeconds:0} s).");
        _finalStateShown.Wait(limit);
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _finalStateShown.Dispose();
    }
}
