using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Frames.Oracle;

/// <summary>
/// The tables every oracle test shares, loaded once into DuckDB: the letter-recognition CSV and seeded generated
/// tables with nulls and duplicate keys. Two sessions differ only in how joins run: one always shuffles, the other
/// broadcasts any side it can.
/// </summary>
public sealed class OracleFixture : IDisposable
{
    public DuckDbOracle Db { get; } = new();

    /// <summary>Joins never broadcast automatically (shuffled hash joins unless hinted).</summary>
    public DlpSession Shuffle { get; } = DlpSession.Builder().Master("local[3]").BatchSize(64).AutoBroadcastJoinThreshold(-1).NewSession();

    /// <summary>Joins broadcast every side small enough (all generated tables).</summary>
    public DlpSession Broadcast { get; } = DlpSession.Builder().Master("local[3]").BatchSize(64).AutoBroadcastJoinThreshold(1_000_000).NewSession();

    /// <summary>t1: k int (nulls, repeated), g string (nulls), v double (nulls), n long (unique).</summary>
    public static readonly StructType T1 = new(
        new StructField("k", DataTypes.Integer), new StructField("g", DataTypes.String),
        new StructField("v", DataTypes.Double), new StructField("n", DataTypes.Long));

    /// <summary>t2: k long (nulls, repeated, overlapping t1's k partly), w string (nulls), x int (nulls).</summary>
    public static readonly StructType T2 = new(
        new StructField("k", DataTypes.Long), new StructField("w", DataTypes.String), new StructField("x", DataTypes.Integer));

    /// <summary>s1, s2: a int, b string, both with nulls and many duplicate rows; s3 has a as long.</summary>
    public static readonly StructType S = new(new StructField("a", DataTypes.Integer), new StructField("b", DataTypes.String));

    public static readonly StructType S3 = new(new StructField("a", DataTypes.Long), new StructField("b", DataTypes.String));

    /// <summary>f: g string, d double with nulls, NaN, infinities and signed zeros.</summary>
    public static readonly StructType F = new(new StructField("g", DataTypes.String), new StructField("d", DataTypes.Double));

    public OracleFixture()
    {
        var rng = new Random(20261203);
        object? Maybe(object value) => rng.NextDouble() < 0.1 ? null : value;
        string[] groups = ["a", "b", "c", "d"];
        Db.Register("t1", T1, Enumerable.Range(0, 400).Select(i => new[]
        {
            Maybe(rng.Next(40)), Maybe(groups[rng.Next(groups.Length)]), Maybe(Math.Round(rng.NextDouble() * 200 - 50, 2)), (object)(long)i,
        }));
        Db.Register("t2", T2, Enumerable.Range(0, 150).Select(_ => new[]
        {
            Maybe((long)(20 + rng.Next(40))), Maybe($"w{rng.Next(30)}"), Maybe(rng.Next(-20, 120)),
        }));
        Db.Register("s1", S, Enumerable.Range(0, 200).Select(_ => new[] { Maybe(rng.Next(6)), Maybe(rng.Next(2) == 0 ? "x" : "y") }));
        Db.Register("s2", S, Enumerable.Range(0, 120).Select(_ => new[] { Maybe(rng.Next(3, 9)), Maybe(rng.Next(2) == 0 ? "x" : "y") }));
        Db.Register("s3", S3, Enumerable.Range(0, 50).Select(_ => new[] { Maybe((long)rng.Next(4, 12)), Maybe(rng.Next(2) == 0 ? "y" : "z") }));
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -1.5, 2.25, 1e300];
        Db.Register("f", F, Enumerable.Range(0, 80).Select(_ => new[] { (object)(rng.Next(2) == 0 ? "p" : "q"), Maybe(specials[rng.Next(specials.Length)]) }));
        Db.RegisterCsv("letters", TestPaths.LettersCsv);
    }

    /// <summary>The letter-recognition CSV as the DataFrame engine reads it (header, inferred integer columns).</summary>
    public DataFrame Letters(DlpSession session) =>
        session.Read().Option("header", true).Option("inferSchema", true).Csv(TestPaths.LettersCsv);

    public void Dispose()
    {
        Db.Dispose();
        Shuffle.Dispose();
        Broadcast.Dispose();
    }
}
