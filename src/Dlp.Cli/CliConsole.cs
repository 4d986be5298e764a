using Spectre.Console;

namespace DeepLearningPipelines.Cli;

/// <summary>
/// How <c>dlp</c> writes tables and progress: colours and other ANSI codes only on a terminal and without
/// <c>NO_COLOR</c>; the width from <c>COLUMNS</c>, else the terminal's, else 80 columns.
/// </summary>
public static class CliConsole
{
    /// <summary>The width used when neither <c>COLUMNS</c> nor a terminal gives one.</summary>
    public const int DefaultWidth = 80;

    /// <summary>Whether ANSI codes may be written and how wide the output is.</summary>
    public readonly record struct Layout(bool Ansi, int Width);

    /// <summary>
    /// The layout for an output that is or is not <paramref name="redirected"/>: no ANSI codes when it is, when
    /// <paramref name="noColor"/> (<c>NO_COLOR</c>) is non-empty or <paramref name="term"/> is <c>dumb</c>.
    /// </summary>
    public static Layout Decide(bool redirected, string? noColor, string? term, string? columns, int terminalWidth)
    {
        bool ansi = !redirected && string.IsNullOrEmpty(noColor) && term != "dumb";
        int width = int.TryParse(columns, out var c) && c > 0 ? c
            : !redirected && terminalWidth > 0 ? terminalWidth
            : DefaultWidth;
        return new Layout(ansi, width);
    }

    /// <summary>Points <see cref="AnsiConsole"/> at standard output with the layout this process's environment calls for.</summary>
    public static void Configure()
    {
        bool redirected = Console.IsOutputRedirected;
        var layout = Decide(redirected, Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"),
            Environment.GetEnvironmentVariable("COLUMNS"), redirected ? 0 : TerminalWidth());
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = layout.Ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = layout.Ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = layout.Ansi ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = layout.Width;
        AnsiConsole.Console = console;
    }

    private static int TerminalWidth()
    {
        try { return Console.WindowWidth; }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException) { return 0; }
    }
}
