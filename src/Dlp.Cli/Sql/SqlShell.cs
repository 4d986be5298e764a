using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Cli.Sql;

/// <summary>
/// The interactive prompt of <c>dlp sql</c>: statements span lines until one ends with <c>;</c>, results print as
/// <c>Show()</c> prints them, and an error is reported without leaving the prompt. Statements are kept in a
/// history file: <c>history</c> lists them, <c>!N</c> runs number N again; <c>exit</c> or end of input leaves.
/// </summary>
internal sealed class SqlShell(DlpSession session, TextReader input, TextWriter output, string? historyFile, int rows)
{
    private readonly List<string> _history = historyFile is not null && File.Exists(historyFile) ? [.. File.ReadAllLines(historyFile).Where(l => l.Length > 0)] : [];

    /// <summary><c>$DLP_SQL_HISTORY</c>, else <c>~/.dlp_sql_history</c>; null when there is no home folder.</summary>
    public static string? DefaultHistoryFile()
    {
        if (Environment.GetEnvironmentVariable("DLP_SQL_HISTORY") is { Length: > 0 } path) return path;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length == 0 ? null : Path.Combine(home, ".dlp_sql_history");
    }

    public int Run()
    {
        output.WriteLine($"dlp sql: end statements with ';'. Views: {string.Join(", ", session.Catalog.ListTables().DefaultIfEmpty("(none)"))}. Type 'history', '!N' or 'exit'.");
        var statement = new StringBuilder();
        while (true)
        {
            output.Write(statement.Length == 0 ? "dlp-sql> " : "      -> ");
            var line = input.ReadLine();
            if (line is null) { output.WriteLine(); return 0; }
            var trimmed = line.Trim();
            if (statement.Length == 0)
            {
                if (trimmed.Length == 0) continue;
                if (trimmed is "exit" or "quit" or "exit;" or "quit;") return 0;
                if (trimmed is "history" or "history;") { ListHistory(); continue; }
                if (trimmed.StartsWith('!')) { Rerun(trimmed[1..].TrimEnd(';')); continue; }
            }
            statement.AppendLine(line);
            if (!trimmed.EndsWith(';')) continue;
            var text = statement.ToString().Trim();
            statement.Clear();
            Remember(text);
            Execute(text);
        }
    }

    private void Execute(string text)
    {
        try
        {
            output.Write(session.Sql(text).ShowString(rows));
        }
        catch (DlpException e)
        {
            output.WriteLine($"error: {e.Message}");
        }
    }

    private void ListHistory()
    {
        for (int i = 0; i < _history.Count; i++) output.WriteLine($"{i + 1,5}  {_history[i]}");
    }

    private void Rerun(string number)
    {
        if (!int.TryParse(number, out int n) || n < 1 || n > _history.Count)
        {
            output.WriteLine($"error: no statement !{number}; 'history' lists 1 to {_history.Count}.");
            return;
        }
        var text = _history[n - 1];
        output.WriteLine(text);
        Remember(text);
        Execute(text);
    }

    /// <summary>Keeps a statement (on one line) in memory and in the history file.</summary>
    private void Remember(string text)
    {
        var oneLine = string.Join(" ", text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        _history.Add(oneLine);
        if (historyFile is null) return;
        try { File.AppendAllLines(historyFile, [oneLine]); }
        catch (IOException) { } // a read-only or missing home folder costs the history, not the session
        catch (UnauthorizedAccessException) { }
    }
}
