using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.IO;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Feature;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// Runs the same DataFrame program on any master (<c>mpi</c> under mpirun, or <c>local[N]</c>) and prints, on every
/// rank, one line per result: <c>rank=R NAME=VALUE</c>, where VALUE is a row count and a SHA-256 of the rows (exact
/// results) or the numbers themselves (fitted models, compared within a tolerance). Output is written under WORKDIR.
/// </summary>
internal static class FrameChecks
{
    public static int Run(string master, string workDir)
    {
        // Joins shuffle (no broadcast), so that both sides go through the all-to-all exchange.
        using var session = DlpSession.Builder().Master(master).AutoBroadcastJoinThreshold(-1).GetOrCreate();
        var results = new List<(string Name, string Value)>();
        void Rows(string name, IReadOnlyList<Row> rows) => results.Add((name, $"{rows.Count}:{Digest(rows.Select(r => r.ToString()))}"));

        var schema = new StructType(
            new StructField("id", DataTypes.Long), new StructField("key", DataTypes.String),
            new StructField("value", DataTypes.Double), new StructField("tag", DataTypes.String));
        var people = session.CreateDataFrame(Enumerable.Range(0, 3000).Select(i => new object?[]
            { (long)i, $"k{i * 7 % 13}", Math.Round(Math.Sin(i) * 100, 3), i % 3 == 0 ? null : $"t{i % 5}" }), schema, 6);
        var names = session.CreateDataFrame(Enumerable.Range(0, 11).Select(k => new object?[] { $"k{k}", $"name{k}", k * 1.5 }),
            new StructType(new StructField("key", DataTypes.String), new StructField("name", DataTypes.String), new StructField("weight", DataTypes.Double)), 3);

        Rows("groupby", people.GroupBy("key").Agg(Count("*").Alias("n"), Sum("value").Alias("total"), Avg("value").Alias("mean"), Max("id").Alias("last"))
            .OrderBy("key").Collect());
        Rows("join", people.Join(names, "key").OrderBy("id").Collect());
        Rows("left_join", people.Join(names, "key", "left").GroupBy("name").Agg(Count("*").Alias("n")).OrderBy("name").Collect());
        Rows("orderby", people.OrderBy(Col("value").Desc(), Col("id")).Select("id", "value").Collect());
        Rows("distinct", people.Select("tag").Distinct().OrderBy("tag").Collect());
        Rows("take", people.OrderBy("value", "id").Take(5));
        Rows("collect", people.Filter((Col("id") % 97).EqualTo(0)).Collect());
        Rows("union_coalesce", people.Filter(Col("value") > 50).Union(people.Filter(Col("value") < -50)).Coalesce(3).Collect());
        results.Add(("count", people.Filter(Col("value") > 0).Count().ToString(CultureInfo.InvariantCulture)));
        Rows("broadcast_join", people.Join(Broadcast(names), "key").OrderBy("id").Collect());
        var cached = people.GroupBy("tag").Agg(Sum("id").Alias("ids")).Cache();
        Rows("cached", cached.Join(cached.Select(Col("tag"), Col("ids").Alias("again")), "tag", "left").OrderBy("tag").Collect());
        Rows("iterator", people.OrderBy("key", "id").ToLocalIterator().ToList());
        Rows("summary", people.Summary().Collect());

        var parquet = Path.Combine(workDir, "people.parquet");
        people.Repartition(4).Write().Mode(SaveMode.Overwrite).Parquet(parquet);
        Rows("parquet", session.Read().Parquet(parquet).OrderBy("id").Collect());
        results.Add(("parquet_parts", Directory.GetFiles(parquet, "*.parquet", SearchOption.AllDirectories).Length.ToString(CultureInfo.InvariantCulture)));
        results.Add(("parquet_success", File.Exists(Path.Combine(parquet, "_SUCCESS")).ToString()));
        var csv = Path.Combine(workDir, "people.csv");
        people.Write().Option("header", true).Csv(csv);
        results.Add(("csv", Digest(Directory.GetFiles(csv, "part-*").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines))));
        try
        {
            people.Write().Csv(csv);
            results.Add(("csv_again", "written"));
        }
        catch (DlpException e) when (e.Message.Contains("already exists", StringComparison.Ordinal))
        {
            results.Add(("csv_again", "refused"));
        }

        var points = session.CreateDataFrame(Enumerable.Range(0, 600).Select(i =>
        {
            double x = Math.Sin(i * 0.37) * 3, y = Math.Cos(i * 0.11) * 2;
            return new object?[] { x, y, x - 0.5 * y + Math.Sin(i * 1.7) > 0 ? 1.0 : 0.0, $"c{i % 4}" };
        }), new StructType(new StructField("x", DataTypes.Double), new StructField("y", DataTypes.Double),
            new StructField("label", DataTypes.Double), new StructField("category", DataTypes.String)), 5);
        var data = new VectorAssembler().SetInputCols("x", "y").SetOutputCol("features").Transform(points);
        var lr = new LogisticRegression().SetMaxIter(50).SetRegParam(0.01).Fit(data);
        results.Add(("lr", Numbers([.. lr.Coefficients.ToArray(), lr.Intercept])));
        var scaler = new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true).Fit(data);
        results.Add(("scaler", Numbers([.. scaler.Mean, .. scaler.Std])));
        results.Add(("indexer", string.Join(",", new StringIndexer().SetInputCol("category").SetOutputCol("ci").Fit(points).Labels)));

        var ran = new System.Collections.Concurrent.ConcurrentDictionary<int, bool>();
        people.ForEachBatch((p, _) => ran[p] = true);
        results.Add(("ran", string.Join(",", ran.Keys.Order())));

        people.Show(3); // printed once, by rank 0
        foreach (var (name, value) in results) Console.WriteLine($"rank={session.Rank} {name}={value}");
        return 0;
    }

    /// <summary>
    /// Counts rows of a DataFrame whose last partition fails (row 99 of four partitions: rank 1's under two ranks) and
    /// prints <c>rank=R error=MESSAGE</c>: every rank must fail, none may wait for the failed one.
    /// </summary>
    public static int Fail(string master)
    {
        using var session = DlpSession.Builder().Master(master).GetOrCreate();
        var numbers = session.Range(0, 100, 4);
        try
        {
            numbers.MapBatches(b => ((Apache.Arrow.Int64Array)b.Column(0)).Values.Contains(99) ? throw new DataFormatException("row 99 is bad") : b, numbers.Schema).Count();
            Console.WriteLine($"rank={session.Rank} error=none");
            return 0;
        }
        catch (DlpException e)
        {
            Console.WriteLine($"rank={session.Rank} error={e.Message}");
            return 1;
        }
    }

    private static string Numbers(IEnumerable<double> values) => string.Join(";", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string Digest(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];
}
