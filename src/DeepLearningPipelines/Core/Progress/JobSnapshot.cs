namespace DeepLearningPipelines.Core.Progress;

/// <summary>A copy of a <see cref="JobProgress"/> at one moment.</summary>
/// <param name="Name">What the job is.</param>
/// <param name="State"><c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="ElapsedSeconds">Seconds since the job started.</param>
/// <param name="Stages">The stages so far, in order; the last one is running unless the job has ended.</param>
/// <param name="Losses">Each training run's loss after each iteration.</param>
/// <param name="Report">The final report once the job is done.</param>
/// <param name="Error">The error message once the job has failed.</param>
public sealed record JobSnapshot(string Name, string State, double ElapsedSeconds, IReadOnlyList<JobStageSnapshot> Stages,
    IReadOnlyDictionary<string, double[]> Losses, string? Report, string? Error);

/// <summary>A copy of a <see cref="JobStage"/> at one moment.</summary>
/// <param name="Name">What the stage does.</param>
/// <param name="Unit">What it counts, plural.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units it will do, when known.</param>
/// <param name="Seconds">How long it has run (or ran).</param>
/// <param name="PerSecond">Throughput: units done per second.</param>
/// <param name="Finished">The stage has ended.</param>
public sealed record JobStageSnapshot(string Name, string Unit, long Done, long? Total, double Seconds, double PerSecond, bool Finished);
