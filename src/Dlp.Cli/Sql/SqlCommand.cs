using System.CommandLine;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Cli.Sql;

/// <summary><c>dlp sql</c>: one Spark SQL query over views made from files, or an interactive prompt.</summary>
internal static class SqlCommand
{
    public static Command Create()
    {
        var query = new Argument<string?>("query") { Description = "The query; without it, an interactive prompt reads statements ending with ';'", Arity = ArgumentArity.ZeroOrOne };
        var views = new Option<string[]>("--view") { Description = "NAME=PATH: a view over a CSV file (header, inferred types), a Parquet file or folder, or an image folder; repeatable", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json") { Description = "Print {\"columns\":[…],\"rows\":[[…],…]} with every row" };
        var rows = new Option<int>("--rows") { Description = "Rows to show in the table, at least 1", DefaultValueFactory = _ => 20 }.Positive("rows");
        var command = new Command("sql", "Run Spark SQL over CSV, Parquet and image files, or start an interactive SQL prompt.") { query, views, json, rows };
        command.SetAction(parse =>
        {
            var session = DlpSession.Active;
            foreach (var view in parse.GetValue(views) ?? []) SqlViews.Register(session, view);
            var text = parse.GetValue(query);
            if (text is null) return new SqlShell(session, Console.In, Console.Out, SqlShell.DefaultHistoryFile(), parse.GetValue(rows)).Run();
            var result = session.Sql(text);
            if (parse.GetValue(json)) Console.WriteLine(SqlJson.Format(result));
            else Console.Write(result.ShowString(parse.GetValue(rows)));
            return 0;
        });
        return command;
    }
}
