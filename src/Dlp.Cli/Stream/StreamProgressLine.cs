using System.Globalization;
using DeepLearningPipelines.Streaming;

namespace DeepLearningPipelines.Cli.Stream;

/// <summary>
/// Reports a query's micro-batches: one JSON line per batch on stdout with <c>--json-progress</c>, and a live line on
/// stderr (rewritten in place) when stderr is a terminal.
/// </summary>
internal sealed class StreamProgressLine(bool json, bool live)
{
    private long _rows, _dropped;

    public void Report(StreamingQueryProgress p)
    {
        _rows += p.NumInputRows;
        _dropped += p.NumDroppedRows;
        if (json) Console.Out.WriteLine(p.Json);
        if (!live) return;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"batch {p.BatchId}: {p.NumInputRows} image(s) in {p.DurationMs["triggerExecution"]} ms ({p.ProcessedRowsPerSecond:F1}/s) | total {_rows} image(s), {_dropped} dropped");
        Console.Error.Write("\r" + text.PadRight(Math.Max(text.Length, Console.IsErrorRedirected ? 0 : SafeWidth() - 1)));
    }

    /// <summary>Ends the live line so that later output starts on a new line.</summary>
    public void Finish()
    {
        if (live && _rows + _dropped > 0) Console.Error.WriteLine();
    }

    private static int SafeWidth()
    {
        try { return Console.WindowWidth; }
        catch (IOException) { return 80; }
    }
}
