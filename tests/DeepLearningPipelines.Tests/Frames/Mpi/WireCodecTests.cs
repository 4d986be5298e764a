using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Execution.Wire;
using DeepLearningPipelines.Ml.Feature;

namespace DeepLearningPipelines.Tests.Frames.Mpi;

/// <summary>What the MPI executor sends between ranks comes back as it was sent, and what it cannot send is refused by name.</summary>
public sealed class WireCodecTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(3).NewSession();

    private static T RoundTrip<T>(T value)
    {
        var codec = WireCodec.For(typeof(T));
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) codec.Write(writer, value);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var result = (T)codec.Read(reader)!;
        Assert.Equal(buffer.Length, buffer.Position);
        return result;
    }

    [Fact]
    public void BatchListsKeepTheirRowsSchemaAndRowIdentities()
    {
        var schema = new StructType(new StructField("s", DataTypes.String), new StructField("v", DataTypes.Vector), new StructField("x", DataTypes.Double));
        var frame = Session.CreateDataFrame(Enumerable.Range(0, 7).Select(i => new object?[] { i % 2 == 0 ? null : $"r{i}", Vectors.Dense(i, -i), i * 0.5 }), schema, 1);
        var batches = frame.CollectBatches().ToList();
        Assert.Equal(3, batches.Count);

        var back = RoundTrip<IReadOnlyList<RowBatch>>(batches);
        Assert.Equal(batches.Select(b => b.RowCount), back.Select(b => b.RowCount));
        Assert.Equal(batches.SelectMany(b => b.Rows()).Select(r => r.ToString()), back.SelectMany(b => b.Rows()).Select(r => r.ToString()));
        Assert.Equal(schema.SimpleString, back[0].Schema.SimpleString);
        Assert.Equal(batches.SelectMany(b => b.Origins!.Keys), back.SelectMany(b => b.Origins!.Keys));
    }

    [Fact]
    public void AccumulatorsAndCollectionsRoundTrip()
    {
        var counts = RoundTrip(new Dictionary<string, long>(StringComparer.Ordinal) { ["a"] = 3, ["b"] = 0 });
        Assert.Equal([("a", 3L), ("b", 0L)], counts.Select(kv => (kv.Key, kv.Value)).Order());
        Assert.Equal((4, new[] { 1.5, double.NaN }, (string?)null), RoundTrip((4, new[] { 1.5, double.NaN }, (string?)null)), new TupleComparer());
        Assert.Equal([7, null], RoundTrip(new List<int?> { 7, null }));

        var moments = new RunningMoments();
        moments.Add([1, 2], "f");
        moments.Add([3, 8], "f");
        var back = RoundTrip(moments);
        Assert.Equal(2, back.Count);
        Assert.Equal(moments.Mean, back.Mean);
        Assert.Equal(moments.SampleStd, back.SampleStd);
    }

    [Fact]
    public void ATypeWithoutAWireFormatIsRefusedByName()
    {
        var e = Assert.Throws<DlpException>(() => WireCodec.For(typeof(List<Uri>)));
        Assert.Contains("List<Uri>", e.Message);
        Assert.Contains("its part Uri has no wire format", e.Message);
        Assert.Contains("IWireValue<T>", e.Message);
    }

    private sealed class TupleComparer : IEqualityComparer<(int, double[], string?)>
    {
        public bool Equals((int, double[], string?) x, (int, double[], string?) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2) && x.Item3 == y.Item3;
        public int GetHashCode((int, double[], string?) obj) => obj.Item1;
    }
}
