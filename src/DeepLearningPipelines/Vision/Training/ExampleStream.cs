using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Training examples streamed from a DataFrame's partitions, one partition at a time (the data set is never collected):
/// each epoch visits the partitions in a seeded random order and shuffles rows within a bounded buffer of
/// <see cref="ShuffleBuffer"/> examples (as <c>tf.data</c>'s <c>shuffle</c>), then converts each batch's raw values
/// in parallel. Rows are split into training and validation by a seeded hash of (partition, row), the same on every
/// pass, so the two never overlap. Rows whose input or label is null are skipped. Trained data-parallel, each rank
/// streams its own partitions (the executor's <c>RunOwn</c>).
/// </summary>
internal sealed class ExampleStream(DataFrame data, int inputColumn, int labelColumn, int[] inputShape, Func<object, float[]> input,
    LabelEncoding labels, double validationFraction, bool validation, bool shuffle, int seed) : IBatchSource
{
    /// <summary>Examples held for shuffling within an epoch.</summary>
    public const int ShuffleBuffer = 1024;

    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize) => Batches(epoch, batchSize, BatchShard.Single);

    /// <summary>
    /// With more than one rank, this rank's own partitions only (streamed here, never sent between ranks) in batches
    /// of <paramref name="batchSize"/> / ranks; the ranks' shares differ in length, and the trainer stops each epoch
    /// when the first rank runs out.
    /// </summary>
    public IEnumerable<(Tensor Input, Tensor Labels)> Batches(int epoch, int batchSize, BatchShard shard)
    {
        if (batchSize % shard.Ranks != 0)
            throw new ParamException($"The batch size {batchSize} is not a multiple of the {shard.Ranks} ranks; each rank takes batch size / ranks examples per step.");
        int local = batchSize / shard.Ranks;
        var partitions = shard.Ranks == 1 ? AllPartitions() : OwnPartitions();
        long skip = shard.Skip * local;
        var pending = new List<(object Input, object Label)>(local);
        foreach (var example in shuffle ? Shuffled(epoch, partitions) : Rows(partitions))
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }
            pending.Add(example);
            if (pending.Count == local)
            {
                yield return Convert(pending);
                pending.Clear();
            }
        }
        if (pending.Count > 0) yield return Convert(pending);
    }

    /// <summary>Every partition, each streamed when its turn comes.</summary>
    private List<(int Partition, Func<IEnumerable<RowBatch>> Batches)> AllPartitions()
    {
        var context = data.Session.Context();
        return Enumerable.Range(0, data.NumPartitions)
            .Select(p => (p, (Func<IEnumerable<RowBatch>>)(() => context.Executor.Stream(data.Plan, p, context)))).ToList();
    }

    /// <summary>This rank's partitions (a collective: every rank asks at once), their batch streams not yet started.</summary>
    private List<(int Partition, Func<IEnumerable<RowBatch>> Batches)> OwnPartitions()
    {
        var context = data.Session.Context();
        return [.. context.Executor.RunOwn(data.Plan, context, (p, batches) => (p, (Func<IEnumerable<RowBatch>>)(() => batches)))];
    }

    private IEnumerable<(object Input, object Label)> Shuffled(int epoch, List<(int Partition, Func<IEnumerable<RowBatch>> Batches)> partitions)
    {
        var random = new SplitMix64(seed, 1_000_003L * (epoch + 1));
        var order = Enumerable.Range(0, partitions.Count).ToArray();
        LabeledImageBatches.Shuffle(order, random);
        var buffer = new List<(object, object)>(ShuffleBuffer);
        foreach (var example in Rows(order.Select(i => partitions[i])))
        {
            if (buffer.Count < ShuffleBuffer) { buffer.Add(example); continue; }
            int pick = random.NextInt(buffer.Count);
            yield return buffer[pick];
            buffer[pick] = example;
        }
        while (buffer.Count > 0)
        {
            int pick = random.NextInt(buffer.Count);
            yield return buffer[pick];
            buffer[pick] = buffer[^1];
            buffer.RemoveAt(buffer.Count - 1);
        }
    }

    private IEnumerable<(object Input, object Label)> Rows(IEnumerable<(int Partition, Func<IEnumerable<RowBatch>> Batches)> partitions)
    {
        foreach (var (p, batches) in partitions)
        {
            long row = 0;
            foreach (var batch in batches())
                for (int r = 0; r < batch.RowCount; r++, row++)
                {
                    if (IsValidation(p, row) != validation) continue;
                    if (batch.GetValue(inputColumn, r) is { } x && batch.GetValue(labelColumn, r) is { } y) yield return (x, y);
                }
        }
    }

    /// <summary>True when row <paramref name="row"/> of partition <paramref name="partition"/> is held out for validation.</summary>
    private bool IsValidation(int partition, long row) =>
        validationFraction > 0 && new SplitMix64(seed, ((long)partition << 40) ^ row).NextDouble() < validationFraction;

    private (Tensor, Tensor) Convert(List<(object Input, object Label)> examples)
    {
        int per = inputShape.Aggregate(1, (a, d) => a * d), n = examples.Count;
        var x = new Tensor([n, .. inputShape]);
        var y = new Tensor(labels.Shape(n));
        try
        {
            ParallelLoops.For(n, i =>
            {
                var values = input(examples[i].Input);
                if (values.Length != per)
                    throw new DataFormatException($"An input holds {values.Length} values; the network takes {per} ({string.Join("×", inputShape)}).");
                values.CopyTo(x.Span.Slice(i * per, per));
            });
            for (int i = 0; i < n; i++) labels.Write(examples[i].Label, y.Span.Slice(i * labels.Width, labels.Width));
            return (x, y);
        }
        catch
        {
            x.Dispose();
            y.Dispose();
            throw;
        }
    }
}
