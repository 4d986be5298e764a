using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Sql;

/// <summary>SQL text that does not parse: the message gives the line and column, the token found and what was expected.</summary>
public sealed class SqlParseException(string message, int line, int column) : DlpException($"Syntax error at {line}:{column}: {message}")
{
    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; } = column;
}

/// <summary>
/// A query that parses but cannot be resolved (Spark's <c>AnalysisException</c>): an unknown table, column or function,
/// an ambiguous name, a misplaced aggregate. The message names what exists, the closest match first.
/// </summary>
public sealed class AnalysisException(string message) : DlpException(message);
