using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// A sample of the SQL oracle queries (projections, GROUP BY, joins of every kind, ORDER BY with LIMIT, DISTINCT, set
/// operations, subqueries) over the letters CSV and seeded generated tables with nulls and duplicate keys, run on any
/// master (<c>mpi</c> under mpirun, or <c>local[N]</c>), joins shuffled or broadcast. Every rank prints one line per
/// query: <c>rank=R MODE_qI=ROWS:DIGEST</c>, doubles to 12 significant digits (sums may be added in another order),
/// unordered results sorted first.
/// </summary>
internal static class SqlChecks
{
    private static readonly (string Sql, bool Ordered)[] Queries =
    [
        ("SELECT lettr, `x-box` + `y-box` AS s, width * high FROM letters WHERE onpix > 5", false),
        ("SELECT * FROM t1 WHERE v > 20 OR g IS NULL", false),
        ("SELECT n, k IN (1, 2, 3), k NOT IN (1, 2, NULL), g IN ('a', NULL) FROM t1", false),
        ("SELECT DISTINCT lettr, width FROM letters", false),
        ("SELECT DISTINCT g FROM t1", false),
        ("SELECT g, count(g), count(w), min(w), max(w) FROM t1 JOIN t2 USING (k) GROUP BY g", false),
        ("SELECT lettr, count(*), sum(onpix), avg(width), min(high), max(high) FROM letters GROUP BY lettr", false),
        ("SELECT count(*), sum(width), avg(high), min(lettr), max(lettr) FROM letters", false),
        ("SELECT g, count(*), count(k), count(DISTINCT k), sum(k), sum(DISTINCT k), avg(v) FROM t1 GROUP BY g", false),
        ("SELECT g, stddev(v), stddev_pop(v), variance(v), var_pop(v) FROM t1 GROUP BY g", false),
        ("SELECT lettr, count(*) AS n FROM letters GROUP BY lettr HAVING n > 760 AND lettr < 20", false),
        ("SELECT width + high AS size, count(*) FROM letters GROUP BY width + high", false),
        ("SELECT g, count(*) FROM t1 WHERE v > 0 GROUP BY g HAVING sum(v) > 1000 OR g IS NULL", false),
        ("SELECT k, n FROM t1 ORDER BY k, n", true),
        ("SELECT g, v, n FROM t1 ORDER BY g DESC NULLS FIRST, v NULLS LAST, n", true),
        ("SELECT lettr, width, onpix FROM letters ORDER BY lettr DESC, width ASC, onpix DESC", true),
        ("SELECT n, v FROM t1 ORDER BY v DESC NULLS LAST, n LIMIT 10", true),
        ("SELECT lettr, count(*) AS c FROM letters GROUP BY lettr ORDER BY c DESC, lettr LIMIT 5", true),
        ("SELECT g, d FROM f ORDER BY d, g", true),
        ("SELECT t1.n, t1.k, t2.w FROM t1 JOIN t2 ON t1.k = t2.k", false),
        ("SELECT a.n, b.w, b.x FROM t1 a LEFT JOIN t2 b ON a.k = b.k AND b.x > 10", false),
        ("SELECT a.n, b.w FROM t1 AS a RIGHT OUTER JOIN t2 AS b ON a.k = b.k", false),
        ("SELECT a.n, a.k, b.k, b.w FROM t1 a FULL OUTER JOIN t2 b ON a.k = b.k", false),
        ("SELECT k, n, w FROM t1 FULL JOIN t2 USING (k)", false),
        ("SELECT * FROM t1 LEFT SEMI JOIN t2 ON t1.k = t2.k", false),
        ("SELECT * FROM t1 LEFT ANTI JOIN t2 ON t1.k = t2.k", false),
        ("SELECT s1.a, s3.b FROM s1 CROSS JOIN s3 WHERE s1.a = 2", false),
        ("SELECT a.n, b.n FROM t1 a JOIN t1 b ON a.k = b.k AND a.n < b.n WHERE a.g = 'a'", false),
        ("SELECT t1.g, count(*), avg(t2.x) FROM t1 JOIN t2 ON t1.k = t2.k GROUP BY t1.g", false),
        ("SELECT a, b FROM s1 UNION SELECT a, b FROM s2", false),
        ("SELECT a, b FROM s1 INTERSECT ALL SELECT a, b FROM s2", false),
        ("SELECT a, b FROM s1 EXCEPT SELECT a, b FROM s2", false),
        ("SELECT a, b FROM s1 EXCEPT ALL SELECT a, b FROM s2", false),
        ("SELECT a FROM s1 UNION SELECT a FROM s3 ORDER BY a DESC LIMIT 3", true),
        ("WITH c AS (SELECT k, count(*) AS n FROM t1 GROUP BY k) SELECT a.k, a.n, b.n FROM c a JOIN c b ON a.k = b.k + 1", false),
        ("SELECT n FROM t1 WHERE k IN (SELECT k FROM t2 WHERE x > 50)", false),
        ("SELECT n FROM t1 WHERE k NOT IN (SELECT x FROM t2)", false),
        ("SELECT count(*) FROM (SELECT a FROM s1 UNION ALL SELECT a FROM s2) u WHERE a > 3", false),
    ];

    public static int Run(string master, string lettersCsv)
    {
        foreach (var (mode, threshold) in new[] { ("shuffle", -1L), ("broadcast", 1_000_000L) })
        {
            using var session = DlpSession.Builder().Master(master).BatchSize(64).AutoBroadcastJoinThreshold(threshold).NewSession();
            RegisterTables(session, lettersCsv);
            for (int i = 0; i < Queries.Length; i++)
            {
                var lines = session.Sql(Queries[i].Sql).Collect().Select(Format).ToList();
                if (!Queries[i].Ordered) lines.Sort(StringComparer.Ordinal);
                Console.WriteLine($"rank={session.Rank} {mode}_q{i}={lines.Count}:{Digest(lines)}");
            }
        }
        return 0;
    }

    /// <summary>The oracle's generated tables (seeded, with nulls and duplicate keys, in 5 partitions) and the letters CSV, as views.</summary>
    private static void RegisterTables(DlpSession session, string lettersCsv)
    {
        var rng = new Random(20261203);
        object? Maybe(object value) => rng.NextDouble() < 0.1 ? null : value;
        string[] groups = ["a", "b", "c", "d"];
        void View(string name, StructType schema, IEnumerable<object?[]> rows) => session.CreateDataFrame(rows.ToList(), schema, 5).CreateOrReplaceTempView(name);
        View("t1", new StructType(new StructField("k", DataTypes.Integer), new StructField("g", DataTypes.String), new StructField("v", DataTypes.Double), new StructField("n", DataTypes.Long)),
            Enumerable.Range(0, 400).Select(i => new[] { Maybe(rng.Next(40)), Maybe(groups[rng.Next(groups.Length)]), Maybe(Math.Round(rng.NextDouble() * 200 - 50, 2)), (object)(long)i }));
        View("t2", new StructType(new StructField("k", DataTypes.Long), new StructField("w", DataTypes.String), new StructField("x", DataTypes.Integer)),
            Enumerable.Range(0, 150).Select(_ => new[] { Maybe((long)(20 + rng.Next(40))), Maybe($"w{rng.Next(30)}"), Maybe(rng.Next(-20, 120)) }));
        var s = new StructType(new StructField("a", DataTypes.Integer), new StructField("b", DataTypes.String));
        View("s1", s, Enumerable.Range(0, 200).Select(_ => new[] { Maybe(rng.Next(6)), Maybe(rng.Next(2) == 0 ? "x" : "y") }));
        View("s2", s, Enumerable.Range(0, 120).Select(_ => new[] { Maybe(rng.Next(3, 9)), Maybe(rng.Next(2) == 0 ? "x" : "y") }));
        View("s3", new StructType(new StructField("a", DataTypes.Long), new StructField("b", DataTypes.String)),
            Enumerable.Range(0, 50).Select(_ => new[] { Maybe((long)rng.Next(4, 12)), Maybe(rng.Next(2) == 0 ? "y" : "z") }));
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -1.5, 2.25, 1e300];
        View("f", new StructType(new StructField("g", DataTypes.String), new StructField("d", DataTypes.Double)),
            Enumerable.Range(0, 80).Select(_ => new[] { (object)(rng.Next(2) == 0 ? "p" : "q"), Maybe(specials[rng.Next(specials.Length)]) }));
        session.Read().Option("header", true).Option("inferSchema", true).Csv(lettersCsv).CreateOrReplaceTempView("letters");
    }

    private static string Format(Row row) => string.Join("|", row.Values().Select(v => v switch
    {
        null => "null",
        double d => d.ToString("G12", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));

    private static string Digest(IEnumerable<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];
}
