using System.CommandLine;
using DeepLearningPipelines.Cli;
using DeepLearningPipelines.Core;

var root = new RootCommand("dlp: Deep Learning Pipelines for .NET. DataFrames, Spark-MLlib-style pipelines and a CPU neural runtime.");
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (DlpException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
