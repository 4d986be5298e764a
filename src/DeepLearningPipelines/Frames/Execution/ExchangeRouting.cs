namespace DeepLearningPipelines.Frames.Execution;

/// <summary>The sending side of an exchange: cuts one input partition into the pieces bound for each target partition.</summary>
internal static class ExchangeRouting
{
    /// <summary>The batches of <paramref name="partition"/> split by target; each piece keeps its rows' order and file origins.</summary>
    public static List<RowBatch>[] Split(IReadOnlyList<RowBatch> partition, int inputPartition, IRowRouter router, int targets)
    {
        var pieces = new List<RowBatch>[targets];
        for (int t = 0; t < targets; t++) pieces[t] = [];
        long firstRow = 0;
        foreach (var batch in partition)
        {
            var dest = new int[batch.RowCount];
            router.Route(batch, inputPartition, firstRow, dest);
            firstRow += batch.RowCount;
            var rows = new List<int>[targets];
            for (int r = 0; r < dest.Length; r++) (rows[dest[r]] ??= []).Add(r);
            for (int t = 0; t < targets; t++)
                if (rows[t] is { } picked) pieces[t].Add(picked.Count == batch.RowCount ? batch : batch.Take(picked));
        }
        return pieces;
    }
}
