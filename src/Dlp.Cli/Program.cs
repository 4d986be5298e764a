using System.CommandLine;
using DeepLearningPipelines.Cli;

var root = new RootCommand("dlp: Deep Learning Pipelines for .NET. DataFrames, Spark-MLlib-style pipelines and a CPU neural runtime.");
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
