using System.CommandLine;
using DeepLearningPipelines.Cli;

// Under mpirun or srun every rank runs the same command; rank 0 speaks for the job (errors still reach stderr).
// Before the console is configured, which keeps the writer it finds.
if (DeepLearningPipelines.Frames.Execution.Mpi.MpiLaunch.Detect() is { Rank: > 0 }) Console.SetOut(TextWriter.Null);
CliConsole.Configure();
var root = new RootCommand("dlp: Deep Learning Pipelines for .NET. DataFrames, Spark-MLlib-style pipelines and a CPU neural runtime. "
    + "Results go to stdout, errors to stderr; colours only on a terminal without NO_COLOR; tables as wide as COLUMNS, else the terminal, else 80. "
    + "Under mpirun or srun every rank runs the command on its share of the data and rank 0 prints (docs/cluster.md).");
root.Options.Add(TopLevelErrors.Verbose);
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction) return TopLevelErrors.Usage(parse);
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return TopLevelErrors.Report(e, parse.GetValue(TopLevelErrors.Verbose));
}
