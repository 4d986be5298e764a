using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Tuning;

namespace DeepLearningPipelines.Tests.Ml.Tuning;

/// <summary>
/// The copy of small training data that an MPI job's ranks fit on: a DataFrame of its own local session with the
/// original partitions and row identities, so folds of it hold the original's rows; none above the byte threshold.
/// </summary>
public class GatheredDataTests
{
    private static DataFrame Data(DlpSession session)
    {
        var schema = new StructType(new StructField("id", DataTypes.Long, false), new StructField("x", DataTypes.Double));
        return session.CreateDataFrame(Enumerable.Range(0, 500).Select(i => new object?[] { (long)i, Math.Sin(i) }), schema, 4).Filter((Functions.Col("id") % 3).NotEqual(0)).Cache();
    }

    [Fact]
    public void TheCopyKeepsPartitionsRowsAndFolds()
    {
        using var session = DlpSession.Builder().Master("local[2]").NewSession();
        var data = Data(session);

        var copy = GatheredData.Gather(data, 1L << 20);

        Assert.NotNull(copy);
        using (copy.Session)
        {
            Assert.NotSame(session, copy.Session);
            Assert.Equal(data.NumPartitions, copy.NumPartitions);
            Assert.Equal(data.Collect().Select(r => r.ToString()), copy.Collect().Select(r => r.ToString()));
            var folds = data.RandomSplit([1, 1, 1], 7);
            var copyFolds = copy.RandomSplit([1, 1, 1], 7);
            for (int f = 0; f < 3; f++)
                Assert.Equal(folds[f].Select("id").Collect().Select(r => r.Get<long>(0)), copyFolds[f].Select("id").Collect().Select(r => r.Get<long>(0)));
        }
    }

    [Fact]
    public void DataAboveTheThresholdIsNotGathered()
    {
        using var session = DlpSession.Builder().Master("local[2]").NewSession();
        var data = Data(session);
        long bytes = data.CollectBatches().Sum(GatheredData.Bytes);

        Assert.InRange(bytes, 333 * 16, 1L << 20);
        Assert.Null(GatheredData.Gather(data, bytes - 1));
        Assert.Null(GatheredData.Gather(data, 0));
        using var copy = GatheredData.Gather(data, bytes)?.Session;
        Assert.NotNull(copy);
    }
}
