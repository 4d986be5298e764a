using System.Globalization;
using DeepLearningPipelines.Core.Progress;
using DeepLearningPipelines.Streaming;

namespace DeepLearningPipelines.Cli.Ui;

/// <summary>
/// Shows a streaming query on a <see cref="JobProgress"/>: a <c>streaming</c> stage counting the images predicted, a
/// <c>micro-batches</c> table (batch id, images, dropped, time, rate, the file written) and an images/s chart by batch.
/// </summary>
internal sealed class StreamJob
{
    private readonly object _gate = new();
    private readonly JobProgress _job;
    private readonly string _outputFolder, _format;
    private readonly JobStage _stage;
    private readonly JobTable _batches;
    private readonly MetricSeries _rate;
    private long _batchCount, _rows, _dropped;

    /// <param name="job">The job to show the query on.</param>
    /// <param name="outputFolder">The sink's folder, where each micro-batch with rows writes <c>part-NNNNNN.FORMAT</c>.</param>
    /// <param name="format">The sink's file format (its files' extension).</param>
    public StreamJob(JobProgress job, string outputFolder, string format)
    {
        (_job, _outputFolder, _format) = (job, outputFolder, format);
        _stage = job.StartStage("streaming", unit: "images");
        _batches = job.Table("micro-batches", "batch", "images", "dropped", "time", "rate", "output");
        _rate = job.Chart("throughput", "batch").Series("images/s");
    }

    /// <summary>Records one micro-batch; pass it to the query's progress callback.</summary>
    public void Report(StreamingQueryProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        string output = p.NumInputRows > 0 ? $"part-{p.BatchId:D6}.{_format}" : "";
        lock (_gate)
        {
            (_batchCount, _rows, _dropped) = (_batchCount + 1, _rows + p.NumInputRows, _dropped + p.NumDroppedRows);
            _stage.Advance(p.NumInputRows);
            _batches.AddRow(p.BatchId.ToString(c), p.NumInputRows.ToString(c), p.NumDroppedRows.ToString(c),
                string.Create(c, $"{p.DurationMs.GetValueOrDefault("triggerExecution")} ms"), string.Create(c, $"{p.ProcessedRowsPerSecond:F1} images/s"), output);
            _rate.Add(p.BatchId, p.ProcessedRowsPerSecond);
        }
    }

    /// <summary>Marks the job done with the batches' totals as its report.</summary>
    public void Complete()
    {
        lock (_gate)
            _job.Complete(string.Create(CultureInfo.InvariantCulture,
                $"{_batchCount} micro-batch(es) this run: {_rows} image(s) predicted, {_dropped} dropped, written to {Path.GetFullPath(_outputFolder)}"));
    }
}
