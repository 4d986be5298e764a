using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Frames.Oracle;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>
/// SQL queries over the letters CSV and the generated oracle tables, run through <c>session.Sql</c> and through
/// DuckDB, results compared. A query is given to DuckDB as written (backquotes become double quotes) unless a DuckDB
/// spelling is given: where Spark and DuckDB differ, the Spark semantics are kept and the DuckDB query is written to
/// match them, with the reason beside it.
/// </summary>
public class SqlOracleTests : IClassFixture<OracleFixture>
{
    private readonly OracleFixture _fx;

    public SqlOracleTests(OracleFixture fx)
    {
        _fx = fx;
        foreach (var session in new[] { fx.Shuffle, fx.Broadcast })
        {
            foreach (var table in new[] { "t1", "t2", "s1", "s2", "s3", "f" }) fx.Db.Frame(session, table).CreateOrReplaceTempView(table);
            fx.Letters(session).CreateOrReplaceTempView("letters");
        }
    }

    public static TheoryData<string, string?, bool> Queries() => new()
    {
        // projection, filters, three-valued logic
        { "SELECT * FROM letters", null, false },
        { "SELECT lettr, `x-box` + `y-box` AS s, width * high FROM letters WHERE onpix > 5", null, false },
        { "SELECT lettr, width / 2, width % 3, -width FROM letters", null, false },
        // Spark's div is integral division (DuckDB spells it //); `/` is double division in both.
        { "SELECT lettr, width div 3, (`x-bar` - 10) div 4, width / 4 FROM letters", "SELECT lettr, width // 3, (\"x-bar\" - 10) // 4, width / 4 FROM letters", false },
        { "SELECT * FROM letters WHERE (lettr > 10 AND `x-box` <= 3) OR onpix = 0", null, false },
        { "SELECT * FROM letters WHERE NOT (width BETWEEN 3 AND 6)", null, false },
        { "SELECT lettr, width FROM letters WHERE width NOT BETWEEN 2 AND 12 AND lettr IN (0, 4, 8)", null, false },
        { "SELECT * FROM t1 WHERE v > 20 OR g IS NULL", null, false },
        { "SELECT * FROM t1 WHERE NOT (v > 20)", null, false },
        { "SELECT k, g, v FROM t1 WHERE g IS NOT NULL AND v IS NOT NULL AND k IS NULL", null, false },
        { "SELECT n, k > 10 AND g = 'a', k > 10 OR g = 'a', NOT (k > 10) FROM t1", null, false },
        { "SELECT n, k IN (1, 2, 3), k NOT IN (1, 2, NULL), g IN ('a', NULL) FROM t1", null, false },
        { "SELECT * FROM t1 WHERE g LIKE 'a%' OR g LIKE '_'", null, false },
        { "SELECT w FROM t2 WHERE w LIKE 'w1_' AND w NOT LIKE '%5'", null, false },
        // Spark's <=> is DuckDB's IS NOT DISTINCT FROM.
        { "SELECT n, k <=> 5, g <=> NULL FROM t1", "SELECT n, k IS NOT DISTINCT FROM 5, g IS NOT DISTINCT FROM NULL FROM t1", false },
        { "SELECT n, CASE WHEN v > 100 THEN 'high' WHEN v > 0 THEN 'mid' ELSE 'low' END AS band FROM t1", null, false },
        { "SELECT n, CASE g WHEN 'a' THEN 1 WHEN 'b' THEN 2 END FROM t1", null, false },
        { "SELECT n, CAST(k AS BIGINT), CAST(n AS STRING), CAST(k AS DOUBLE) / 3 FROM t1", null, false },
        // Spark's CAST of a double to INT truncates toward zero; DuckDB rounds, so it is given trunc first.
        { "SELECT n, CAST(v AS INT) FROM t1", "SELECT n, CAST(trunc(v) AS INTEGER) FROM t1", false },
        { "SELECT 1 + 2 AS three, 'x' || 'y', 7 / 2, 7 % 3", null, false },
        { "SELECT DISTINCT lettr, width FROM letters", null, false },
        { "SELECT DISTINCT g FROM t1", null, false },
        // scalar functions
        // Spark's concat is null when an argument is null; DuckDB's concat skips nulls, its || does not.
        { "SELECT n, upper(g), lower('AbC'), length(w), concat(g, '-', CAST(k AS STRING)) FROM t1 JOIN t2 USING (k)",
            "SELECT n, upper(g), lower('AbC'), length(w), g || '-' || CAST(k AS VARCHAR) FROM t1 JOIN t2 USING (k)", false },
        // count over a string column counts its non-null values.
        { "SELECT g, count(g), count(w), min(w), max(w) FROM t1 JOIN t2 USING (k) GROUP BY g", null, false },
        { "SELECT w, substring(w, 2, 1), substr(w, 2), trim('  a  '), lpad(w, 5, '*'), rpad(w, 4, '.'), instr(w, '1'), replace(w, 'w', 'W') FROM t2", null, false },
        { "SELECT n, coalesce(g, 'none'), ifnull(k, -1), nullif(k, 5), if(v > 0, 'pos', 'neg') FROM t1", null, false },
        { "SELECT n, abs(v), floor(v), ceil(v), sqrt(abs(v)), power(k, 2), sign(v) FROM t1", null, false },
        { "SELECT n, ln(abs(v) + 1), log10(abs(v) + 1), exp(k / 40.0) FROM t1", null, false },
        { "SELECT concat_ws('/', g, w) FROM t1 JOIN t2 USING (k)", null, false },
        // aggregation
        { "SELECT lettr, count(*), sum(onpix), avg(width), min(high), max(high) FROM letters GROUP BY lettr", null, false },
        { "SELECT count(*), sum(width), avg(high), min(lettr), max(lettr) FROM letters", null, false },
        { "SELECT g, count(*), count(k), count(DISTINCT k), sum(k), sum(DISTINCT k), avg(v) FROM t1 GROUP BY g", null, false },
        { "SELECT g, stddev(v), stddev_pop(v), variance(v), var_pop(v) FROM t1 GROUP BY g", null, false },
        { "SELECT lettr, round(avg(width), 2) AS w, max(high) - min(high) AS spread FROM letters GROUP BY lettr", null, false },
        { "SELECT lettr, count(*) AS n FROM letters GROUP BY lettr HAVING count(*) > 760", null, false },
        // Spark lets HAVING name a select alias; DuckDB is given the aggregate.
        { "SELECT lettr, count(*) AS n FROM letters GROUP BY lettr HAVING n > 760 AND lettr < 20", "SELECT lettr, count(*) AS n FROM letters GROUP BY lettr HAVING count(*) > 760 AND lettr < 20", false },
        { "SELECT width + high AS size, count(*) FROM letters GROUP BY width + high", null, false },
        { "SELECT lettr % 2 AS parity, onpix > 4, count(*) FROM letters GROUP BY 1, 2", null, false },
        { "SELECT k % 3 AS m, count(*) FROM t1 GROUP BY m", null, false },
        { "SELECT g, count(*) FROM t1 WHERE v > 0 GROUP BY g HAVING sum(v) > 1000 OR g IS NULL", null, false },
        { "SELECT count(*), count(g), max(g), min(w) FROM t1 JOIN t2 USING (k)", null, false },
        { "SELECT sum(v), avg(v), count(v) FROM t1 WHERE k > 1000", null, false },
        { "SELECT g, sum(v) FROM t1 GROUP BY g HAVING max(k) > 30", null, false },
        { "SELECT lettr, CASE WHEN avg(width) > 5 THEN 'wide' ELSE 'narrow' END FROM letters GROUP BY lettr", null, false },
        // ORDER BY and LIMIT: Spark puts nulls first ascending and last descending; DuckDB puts them last by default,
        // so the DuckDB queries name the null order.
        { "SELECT k, n FROM t1 ORDER BY k, n", "SELECT k, n FROM t1 ORDER BY k NULLS FIRST, n", true },
        { "SELECT k, n FROM t1 ORDER BY k DESC, n", "SELECT k, n FROM t1 ORDER BY k DESC NULLS LAST, n", true },
        { "SELECT k, n FROM t1 ORDER BY k ASC NULLS LAST, n DESC", null, true },
        { "SELECT g, v, n FROM t1 ORDER BY g DESC NULLS FIRST, v NULLS LAST, n", null, true },
        { "SELECT lettr, width, onpix FROM letters ORDER BY lettr DESC, width ASC, onpix DESC", null, true },
        { "SELECT n, v FROM t1 ORDER BY v DESC NULLS LAST, n LIMIT 10", null, true },
        { "SELECT n FROM t1 ORDER BY k + n, n LIMIT 25", "SELECT n FROM t1 ORDER BY k + n NULLS FIRST, n LIMIT 25", true },
        { "SELECT lettr, count(*) AS c FROM letters GROUP BY lettr ORDER BY c DESC, lettr LIMIT 5", null, true },
        { "SELECT lettr, count(*) FROM letters GROUP BY lettr ORDER BY 2, 1", null, true },
        { "SELECT lettr FROM letters GROUP BY lettr ORDER BY max(width) DESC, lettr", null, true },
        { "SELECT g, d FROM f ORDER BY d, g", "SELECT g, d FROM f ORDER BY d NULLS FIRST, g", true },
        { "SELECT * FROM t1 LIMIT 0", null, false },
        // joins
        { "SELECT t1.n, t1.k, t2.w FROM t1 JOIN t2 ON t1.k = t2.k", null, false },
        { "SELECT a.n, b.w, b.x FROM t1 a LEFT JOIN t2 b ON a.k = b.k AND b.x > 10", null, false },
        { "SELECT a.n, b.w FROM t1 AS a RIGHT OUTER JOIN t2 AS b ON a.k = b.k", null, false },
        { "SELECT a.n, a.k, b.k, b.w FROM t1 a FULL OUTER JOIN t2 b ON a.k = b.k", null, false },
        { "SELECT k, n, w FROM t1 FULL JOIN t2 USING (k)", null, false },
        { "SELECT k, n, w, t1.k, t2.k FROM t1 LEFT JOIN t2 USING (k)", null, false },
        { "SELECT * FROM t1 LEFT SEMI JOIN t2 ON t1.k = t2.k", "SELECT * FROM t1 SEMI JOIN t2 ON t1.k = t2.k", false },
        { "SELECT * FROM t1 LEFT ANTI JOIN t2 ON t1.k = t2.k", "SELECT * FROM t1 ANTI JOIN t2 ON t1.k = t2.k", false },
        { "SELECT s1.a, s3.b FROM s1 CROSS JOIN s3 WHERE s1.a = 2", null, false },
        { "SELECT x.a, y.b FROM s1 x, s2 y WHERE x.a = y.a AND x.b <> y.b", null, false },
        { "SELECT a.n, b.n FROM t1 a JOIN t1 b ON a.k = b.k AND a.n < b.n WHERE a.g = 'a'", null, false },
        { "SELECT t1.g, count(*), avg(t2.x) FROM t1 JOIN t2 ON t1.k = t2.k GROUP BY t1.g", null, false },
        { "SELECT t1.*, t2.w FROM t1 JOIN t2 ON t1.k = t2.k AND t1.v > t2.x", null, false },
        // set operations
        { "SELECT a, b FROM s1 UNION ALL SELECT a, b FROM s2", null, false },
        { "SELECT a, b FROM s1 UNION SELECT a, b FROM s2", null, false },
        { "SELECT a, b FROM s1 INTERSECT SELECT a, b FROM s2", null, false },
        { "SELECT a, b FROM s1 INTERSECT ALL SELECT a, b FROM s2", null, false },
        { "SELECT a, b FROM s1 EXCEPT SELECT a, b FROM s2", null, false },
        { "SELECT a, b FROM s1 EXCEPT ALL SELECT a, b FROM s2", null, false },
        { "SELECT a FROM s1 UNION SELECT a FROM s3 ORDER BY a DESC LIMIT 3", "SELECT a FROM s1 UNION SELECT a FROM s3 ORDER BY a DESC NULLS LAST LIMIT 3", true },
        // subqueries and CTEs
        { "SELECT g, c FROM (SELECT g, count(*) AS c FROM t1 GROUP BY g) sub WHERE c > 90", null, false },
        { "WITH big AS (SELECT * FROM t1 WHERE v > 50), keys AS (SELECT DISTINCT k FROM big) SELECT count(*) FROM keys", null, false },
        { "WITH c AS (SELECT k, count(*) AS n FROM t1 GROUP BY k) SELECT a.k, a.n, b.n FROM c a JOIN c b ON a.k = b.k + 1", null, false },
        { "SELECT n FROM t1 WHERE k IN (SELECT k FROM t2 WHERE x > 50)", null, false },
        { "SELECT n FROM t1 WHERE k NOT IN (SELECT x FROM t2 WHERE x IS NOT NULL) AND g = 'b'", null, false },
        { "SELECT n FROM t1 WHERE k NOT IN (SELECT x FROM t2)", null, false },
        { "SELECT count(*) FROM (SELECT a FROM s1 UNION ALL SELECT a FROM s2) u WHERE a > 3", null, false },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void ShuffledSqlMatchesDuckDb(string sql, string? duckDb, bool ordered) => Check(_fx.Shuffle, sql, duckDb, ordered);

    [Theory]
    [MemberData(nameof(JoinQueries))]
    public void BroadcastSqlMatchesDuckDb(string sql, string? duckDb, bool ordered) => Check(_fx.Broadcast, sql, duckDb, ordered);

    /// <summary>The join queries again, on a session that broadcasts every small side.</summary>
    public static TheoryData<string, string?, bool> JoinQueries()
    {
        var data = new TheoryData<string, string?, bool>();
        foreach (var row in Queries())
            if (((string)row[0]).Contains("JOIN", StringComparison.Ordinal) || ((string)row[0]).Contains(" IN (SELECT", StringComparison.Ordinal))
                data.Add((string)row[0], (string?)row[1], (bool)row[2]);
        return data;
    }

    private void Check(DlpSession session, string sql, string? duckDb, bool ordered) =>
        _fx.Db.AssertSame(session.Sql(sql), duckDb ?? sql.Replace('`', '"'), ordered);
}
