using System.CommandLine;
using System.CommandLine.Invocation;
using DeepLearningPipelines.Core.Progress;

namespace DeepLearningPipelines.Cli.Ui;

/// <summary>
/// <c>--ui [PORT]</c> on long commands: serves a live page of the job (stages, progress, throughput, loss curves, final
/// report) on http://127.0.0.1:PORT (default <see cref="DefaultPort"/>; 0 picks a free port) while the command runs,
/// its address printed once on stderr.
/// </summary>
internal static class UiOption
{
    /// <summary>The port <c>--ui</c> listens on without a value, Spark UI's.</summary>
    public const int DefaultPort = 4040;

    /// <summary>
    /// Adds <c>--ui</c> to <paramref name="command"/>, whose action must be set already: the action then runs with a fresh
    /// <see cref="RunningJob.Current"/>, served on the page when <c>--ui</c> is given, and marked done or failed at the end.
    /// </summary>
    public static void AddTo(Command command)
    {
        var option = new Option<int?>("--ui")
        {
            Description = $"Serve a live page of this job on http://127.0.0.1:PORT (default {DefaultPort}; 0: any free port)",
            Arity = ArgumentArity.ZeroOrOne,
            HelpName = "PORT",
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.GetValueOrDefault<int?>() is < 0 or > 65535)
                result.AddError($"--ui {result.Tokens[0].Value}: the port must be 0 to 65535.");
        });
        command.Options.Add(option);
        var inner = command.Action as SynchronousCommandLineAction
            ?? throw new InvalidOperationException($"Command '{command.Name}' needs its synchronous action before --ui is added.");
        command.SetAction((ParseResult parse) =>
        {
            var job = new JobProgress(command.Name);
            RunningJob.Current = job;
            using var page = parse.GetResult(option) is null ? null : JobPage.Start(job, parse.GetValue(option) ?? DefaultPort);
            if (page is not null) Console.Error.WriteLine($"Job page: {page.Url}"); // stderr, so --json output stays one document
            try
            {
                int code = inner.Invoke(parse);
                if (job.Snapshot().State == "running") job.Complete($"exit code {code}");
                return code;
            }
            catch (Exception e)
            {
                job.Fail(e.Message);
                throw;
            }
            finally
            {
                page?.WaitUntilFinalStateShown(JobPage.Linger);
            }
        });
    }
}
