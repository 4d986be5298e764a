using DeepLearningPipelines.Cli.Examples;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>RandomSplit and Sample decide per row from the seed and the row's identity, never from the partitioning.</summary>
public class DeterministicSplitTests
{
    private static DlpSession Local(int cores, int batchSize = 1024) =>
        DlpSession.Builder().Master($"local[{cores}]").BatchSize(batchSize).NewSession();

    /// <summary>The identities of a frame's rows and the rows' values, each sorted, so that two frames can be compared as sets.</summary>
    private static (List<ulong> Keys, List<string> Rows) Content(DataFrame frame)
    {
        var batches = frame.CollectBatches();
        var keys = batches.SelectMany(b => RowIdentity.Of(b)).Order().ToList();
        var rows = batches.SelectMany(b => b.Rows()).Select(r => ValueFormat.Plain(r)).Order(StringComparer.Ordinal).ToList();
        return (keys, rows);
    }

    private static void AssertSameRows(DataFrame expected, DataFrame actual, string because)
    {
        var (expectedKeys, expectedRows) = Content(expected);
        var (actualKeys, actualRows) = Content(actual);
        Assert.True(expectedKeys.SequenceEqual(actualKeys), $"row identities differ: {because}");
        Assert.True(expectedRows.SequenceEqual(actualRows), $"row values differ: {because}");
    }

    [Fact]
    public void LettersSplitIsTheSameOnAnyNumberOfCoresAndPartitions()
    {
        var reference = OcrExample.Split(OcrExample.Data(Local(1), TestPaths.LettersCsv));
        Assert.Equal(1, reference.Train.NumPartitions);
        Assert.Equal(20000, reference.Train.Count() + reference.Test.Count());
        Assert.InRange(reference.Train.Count(), 14700, 15300);
        foreach (var (name, data, partitions) in new[]
                 {
                     ("local[2]", OcrExample.Data(Local(2), TestPaths.LettersCsv), 2),
                     ("local[8], batches of 100", OcrExample.Data(Local(8, 100), TestPaths.LettersCsv), 8),
                     ("Repartition(1) of local[2]", OcrExample.Data(Local(2), TestPaths.LettersCsv).Repartition(1), 1),
                     ("Repartition(3) of local[2]", OcrExample.Data(Local(2), TestPaths.LettersCsv).Repartition(3), 3),
                     ("Repartition(7) of local[8]", OcrExample.Data(Local(8), TestPaths.LettersCsv).Repartition(7), 7),
                 })
        {
            Assert.Equal(partitions, data.NumPartitions);
            var (train, test) = OcrExample.Split(data);
            AssertSameRows(reference.Train, train, $"training set on {name}");
            AssertSameRows(reference.Test, test, $"test set on {name}");
        }
    }

    [Fact]
    public void SampleKeepsTheSameRowsWhateverThePartitioning()
    {
        var one = Local(1).Range(0, 10_000, numPartitions: 1).Sample(0.3, 7);
        var seven = Local(4).Range(0, 10_000, numPartitions: 7).Sample(0.3, 7);
        var ids = one.Collect().Select(r => r.Get<long>(0)).ToList();
        Assert.Equal(ids, seven.Collect().Select(r => r.Get<long>(0)));
        Assert.InRange(ids.Count, 2800, 3200);
        Assert.Equal(ids, Local(2).Range(0, 10_000, numPartitions: 3).Repartition(5).Sample(0.3, 7).Collect().Select(r => r.Get<long>(0)).Order());
    }

    [Fact]
    public void RowsKeepTheirIdentityThroughFilterProjectSortUnionCacheAndLimit()
    {
        var session = Local(2, batchSize: 64);
        var df = session.Range(0, 3000, numPartitions: 3);
        List<long> Ids(DataFrame frame) => frame.Collect().Select(r => r.Get<long>("id")).Order().ToList();
        DataFrame Train(DataFrame frame) => frame.RandomSplit([0.6, 0.4], 99)[0];
        var all = Ids(Train(df));

        Assert.Equal(all.Where(id => id % 3 != 0), Ids(Train(df.Filter((Col("id") % 3).NotEqual(0)))));
        Assert.Equal(all, Ids(Train(df.WithColumn("twice", Col("id") * 2).Select("twice", "id"))));
        Assert.Equal(all, Ids(Train(df.OrderBy(Col("id").Desc()))));
        Assert.Equal(all, Ids(Train(df.Cache())));
        Assert.Equal(all.Where(id => id < 1000), Ids(Train(df.Limit(1000))));
        Assert.Equal(all, Ids(Train(df.MapBatches(b => RowBatch.FromRows(b.Schema, b.Rows().Select(r => r.Values()).ToList()), df.Schema))));
        var halves = df.Filter(Col("id") < 1500).Union(df.Filter(Col("id") >= 1500));
        Assert.Equal(all, Ids(Train(halves)));
    }

    [Fact]
    public void SplittingASplitWithTheSameSeedDrawsAfresh()
    {
        var half = Local(2).Range(0, 30_000).RandomSplit([0.5, 0.5], 5)[0];
        long size = half.Count();
        foreach (var fold in half.RandomSplit([1, 1, 1], 5))
            Assert.InRange(fold.Count() / (double)size, 0.31, 0.36);
    }

    [Fact]
    public void RowsWithoutIdentityFallBackToTheirValues()
    {
        DataFrame Groups(int cores, int partitions) => Local(cores).Range(0, 5000, numPartitions: partitions)
            .GroupBy((Col("id") % 997).Alias("k")).Agg(Count(Col("id")).Alias("n")).Repartition(partitions);
        var reference = Groups(1, 1).RandomSplit([0.5, 0.5], 3);
        var other = Groups(4, 6).RandomSplit([0.5, 0.5], 3);
        AssertSameRows(reference[0], other[0], "first split of the aggregated rows");
        AssertSameRows(reference[1], other[1], "second split of the aggregated rows");
        Assert.InRange(reference[0].Count(), 400, 600);
    }

    [Fact]
    public void CsvRowsAreIdentifiedByPathRelativeToTheFolderGivenAndLine()
    {
        string first = TestPaths.NewTempDir(), second = TestPaths.NewTempDir();
        foreach (var dir in new[] { first, second })
        {
            foreach (var file in new[] { "a.csv", "b.csv" }) // 20 000 lines, 150 KB each: cut into splits on 4 cores
                File.WriteAllLines(Path.Combine(dir, file), Enumerable.Range(0, 20_000).Select(i => $"{i},{i % 7}"));
        }
        DataFrame Read(DlpSession s, string dir) => s.Read().Schema("x INT, y INT").Csv(dir);
        var one = Read(Local(1), first);
        var four = Read(Local(4), second);
        Assert.True(four.NumPartitions > one.NumPartitions);
        var reference = one.RandomSplit([0.7, 0.3], 11);
        var moved = four.RandomSplit([0.7, 0.3], 11);
        AssertSameRows(reference[0], moved[0], "the same files read from another folder on more cores");
        AssertSameRows(reference[1], moved[1], "the same files read from another folder on more cores");
        var keys = Content(one).Keys;
        Assert.Equal(40_000, keys.Distinct().Count());
    }

    [Fact]
    public void BirdsPlanesSplitIsTheSameOnOneAndFourCores()
    {
        var data = Path.Combine(TestPaths.RepoRoot, "samples", BirdsPlanesExample.DataRelativePath);
        List<string> Photos(DataFrame frame) => frame.Select("image").Collect()
            .Select(r => Path.GetFileName(ImageSchema.Origin((Row)r[0]!))).Order(StringComparer.Ordinal).ToList();
        var one = BirdsPlanesExample.Split(Local(1), data);
        var four = BirdsPlanesExample.Split(Local(4), data);
        Assert.Equal(Photos(one.Train), Photos(four.Train));
        Assert.Equal(Photos(one.Test), Photos(four.Test));
        Assert.Empty(Photos(one.Train).Intersect(Photos(one.Test)));
    }
}
