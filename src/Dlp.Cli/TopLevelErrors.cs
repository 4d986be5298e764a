using System.CommandLine;
using System.CommandLine.Parsing;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Cli;

/// <summary>
/// How <c>dlp</c> ends on an error: one <c>error: …</c> line on stderr (plus the stack trace with <c>--verbose</c>) and
/// an exit code by kind: 1 for bad input (usage, data, model files, I/O), 70 for an internal error, 130 when cancelled.
/// </summary>
internal static class TopLevelErrors
{
    /// <summary>Exit code of an error in the input: arguments, data, model files, files that cannot be read or written.</summary>
    public const int InputError = 1;

    /// <summary>Exit code of an unexpected failure inside dlp (a bug), as sysexits' EX_SOFTWARE.</summary>
    public const int InternalError = 70;

    /// <summary>Exit code after Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The global <c>--verbose</c> option: print the stack trace of an error.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "On an error, also print its stack trace", Recursive = true };

    /// <summary>Reports command-line errors (unknown options, missing or invalid values) in one line.</summary>
    public static int Usage(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r.Parent is CommandResult parent; r = parent) names.Insert(0, r.Command.Name);
        string command = string.Join(" ", names.Prepend("dlp"));
        Console.Error.WriteLine($"error: {string.Join(" ", parse.Errors.Select(e => EndSentence(e.Message)))} See '{command} --help'.");
        return InputError;
    }

    /// <summary>Reports an exception that reached the top and returns the exit code.</summary>
    public static int Report(Exception e, bool verbose)
    {
        var (message, code) = e switch
        {
            DlpException => (e.Message, InputError),
            IOException or UnauthorizedAccessException => (e.Message, InputError),
            OperationCanceledException => ("cancelled.", Cancelled),
            _ => ($"internal error ({e.GetType().Name}): {e.Message}{(verbose ? "" : " Rerun with --verbose for the stack trace.")}", InternalError),
        };
        Console.Error.WriteLine($"error: {message}");
        if (verbose) Console.Error.WriteLine(e);
        return code;
    }

    private static string EndSentence(string text) => text.EndsWith('.') ? text : text + ".";
}
