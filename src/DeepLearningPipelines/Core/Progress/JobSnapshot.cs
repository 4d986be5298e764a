namespace DeepLearningPipelines.Core.Progress;

/// <summary>A copy of a <see cref="JobProgress"/> at one moment.</summary>
/// <param name="Name">What the job is.</param>
/// <param name="State"><c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="ElapsedSeconds">Seconds since the job started.</param>
/// <param name="Stages">The stages so far, in order; the last one is running unless the job has ended.</param>
/// <param name="Charts">The job's charts (e.g. training loss) in the order they were created.</param>
/// <param name="Tables">The job's tables (e.g. a stream's micro-batches) in the order they were created.</param>
/// <param name="Report">The final report once the job is done.</param>
/// <param name="Error">The error message once the job has failed.</param>
public sealed record JobSnapshot(string Name, string State, double ElapsedSeconds, IReadOnlyList<JobStageSnapshot> Stages,
    IReadOnlyList<JobChartSnapshot> Charts, IReadOnlyList<JobTableSnapshot> Tables, string? Report, string? Error);

/// <summary>A copy of a <see cref="JobStage"/> at one moment.</summary>
/// <param name="Name">What the stage does.</param>
/// <param name="Unit">What it counts, plural.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units it will do, when known.</param>
/// <param name="Seconds">How long it has run (or ran).</param>
/// <param name="PerSecond">Throughput: units done per second.</param>
/// <param name="Finished">The stage has ended.</param>
public sealed record JobStageSnapshot(string Name, string Unit, long Done, long? Total, double Seconds, double PerSecond, bool Finished);

/// <summary>A copy of a <see cref="JobChart"/> at one moment.</summary>
/// <param name="Title">What the chart shows.</param>
/// <param name="XLabel">What its x axis counts.</param>
/// <param name="Series">Its lines in the order they were created.</param>
public sealed record JobChartSnapshot(string Title, string XLabel, IReadOnlyList<MetricSeriesSnapshot> Series);

/// <summary>A copy of a <see cref="MetricSeries"/> at one moment.</summary>
/// <param name="Name">What the series measures.</param>
/// <param name="X">The points' x values, in the order they were added.</param>
/// <param name="Y">The points' y values, <c>Y[i]</c> at <c>X[i]</c>.</param>
public sealed record MetricSeriesSnapshot(string Name, double[] X, double[] Y);

/// <summary>A copy of a <see cref="JobTable"/> at one moment.</summary>
/// <param name="Title">What the table lists.</param>
/// <param name="Columns">The column headings.</param>
/// <param name="Rows">The latest rows (at most <see cref="JobTable.MaxRows"/>), oldest first.</param>
/// <param name="TotalRows">How many rows were ever added.</param>
public sealed record JobTableSnapshot(string Title, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, long TotalRows);
