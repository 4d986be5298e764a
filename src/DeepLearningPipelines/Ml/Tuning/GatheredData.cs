using Apache.Arrow;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>
/// Small training data of an MPI job copied whole to every rank, as a DataFrame of a local session: fits on it run
/// in the rank alone, without collectives. Its partitions and row identities are the job's, so random splits of it
/// (folds) hold the same rows as on the job's DataFrame or in a single process.
/// </summary>
internal static class GatheredData
{
    /// <summary>
    /// <paramref name="data"/> gathered to every rank, in a new local session (on this rank's threads) that the caller
    /// disposes; null when the data holds more than <paramref name="maxBytes"/> bytes (its Arrow buffers, summed over
    /// the ranks) or <paramref name="maxBytes"/> is 0. Every rank calls it and gets the same answer.
    /// </summary>
    public static DataFrame? Gather(DataFrame data, long maxBytes)
    {
        if (maxBytes <= 0) return null;
        var session = data.Session;
        long[] total = [session.Executor.RunOwn(data.Plan, session.Context(), (_, batches) => batches.Sum(Bytes)).Sum()];
        session.AllreduceSum<long>(total);
        if (total[0] > maxBytes) return null;
        var partitions = session.Executor.Run(data.Plan, session.Context(), (_, batches) => (IReadOnlyList<RowBatch>)batches.ToList());
        var local = DlpSession.Builder().Master($"local[{session.LocalParallelism}]").BatchSize(session.BatchSize)
            .AutoBroadcastJoinThreshold(session.AutoBroadcastJoinThreshold).NewSession();
        var plan = new SourcePlan(data.Schema, partitions.Length, (p, _) => partitions[p], $"Gathered [{string.Join(", ", data.Schema.FieldNames)}], {total[0]} bytes");
        return new DataFrame(local, plan);
    }

    /// <summary>The bytes of a batch's Arrow buffers (slices count their whole buffers).</summary>
    internal static long Bytes(RowBatch batch) => batch.Columns.Sum(c => Bytes(c.Data));

    private static long Bytes(ArrayData data) =>
        data.Buffers.Sum(b => (long)b.Length) + (data.Children ?? []).Sum(Bytes) + (data.Dictionary is { } dictionary ? Bytes(dictionary) : 0);
}
