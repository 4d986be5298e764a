using System.Globalization;
using System.Numerics;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DuckDB.NET.Data;

namespace DeepLearningPipelines.Tests.Frames.Oracle;

/// <summary>
/// Differential testing against DuckDB: the same table is loaded into an in-memory DuckDB database and into the
/// DataFrame engine, a query runs in both, and the results must agree. Rows compare as multisets unless the query
/// orders them; numbers compare by value (integers of any width as equal, doubles within a relative tolerance);
/// null equals null.
/// </summary>
public sealed class DuckDbOracle : IDisposable
{
    /// <summary>The relative tolerance doubles are compared with (sums may add in a different order).</summary>
    public const double Tolerance = 1e-9;

    private readonly DuckDBConnection _db = new("DataSource=:memory:");
    private readonly Dictionary<string, (StructType Schema, List<object?[]> Rows)> _tables = new();

    public DuckDbOracle() => _db.Open();

    /// <summary>Creates a DuckDB table with the schema's columns and rows; <see cref="Frame"/> gives the same rows as a DataFrame.</summary>
    public void Register(string table, StructType schema, IEnumerable<object?[]> rows)
    {
        var list = rows.ToList();
        var columns = string.Join(", ", schema.Fields.Select(f => $"{Quote(f.Name)} {SqlType(f.DataType)}"));
        Execute($"CREATE TABLE {Quote(table)} ({columns})");
        using (var appender = _db.CreateAppender(table))
        {
            foreach (var row in list)
            {
                var r = appender.CreateRow();
                foreach (var v in row)
                {
                    switch (v)
                    {
                        case null: r.AppendNullValue(); break;
                        case int i: r.AppendValue(i); break;
                        case long l: r.AppendValue(l); break;
                        case double d: r.AppendValue(d); break;
                        case bool b: r.AppendValue(b); break;
                        case string s: r.AppendValue(s); break;
                        default: throw new NotSupportedException($"No DuckDB appender for {v.GetType().Name}.");
                    }
                }
                r.EndRow();
            }
        }
        _tables[table] = (schema, list);
    }

    /// <summary>Creates a DuckDB table from a CSV file with a header row, as DuckDB's own reader sees it.</summary>
    public void RegisterCsv(string table, string path) =>
        Execute($"CREATE TABLE {Quote(table)} AS SELECT * FROM read_csv('{path.Replace("'", "''")}', header = true)");

    /// <summary>A registered table as a DataFrame of the given session.</summary>
    public DataFrame Frame(DlpSession session, string table, int partitions = 3)
    {
        var (schema, rows) = _tables[table];
        return session.CreateDataFrame(rows, schema, partitions);
    }

    /// <summary>The rows of a DuckDB query.</summary>
    public List<object?[]> Query(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Asserts that <paramref name="actual"/> holds the rows DuckDB returns for <paramref name="sql"/> (in order when <paramref name="ordered"/>).</summary>
    public void AssertSame(DataFrame actual, string sql, bool ordered = false)
    {
        var expected = Query(sql).Select(Normalize).ToList();
        var got = actual.Collect().Select(r => Normalize(r.Values())).ToList();
        if (expected.Count > 0 && got.Count > 0)
            Assert.True(expected[0].Length == got[0].Length, $"DuckDB returns {expected[0].Length} columns but the DataFrame has {got[0].Length} ({string.Join(", ", actual.Columns)}) for: {sql}");
        if (!ordered)
        {
            expected.Sort(RowOrder);
            got.Sort(RowOrder);
        }
        for (int i = 0; i < Math.Min(expected.Count, got.Count); i++)
            if (RowOrder(expected[i], got[i]) != 0)
                Assert.Fail($"Row {i} differs for: {sql}\n  DuckDB:    {Format(expected[i])}\n  DataFrame: {Format(got[i])}\n" +
                    $"({expected.Count} expected rows, {got.Count} actual{(ordered ? ", in order" : ", sorted")})");
        Assert.True(expected.Count == got.Count, $"DuckDB returns {expected.Count} rows but the DataFrame has {got.Count} for: {sql}");
    }

    public void Dispose() => _db.Dispose();

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static string SqlType(DataType type) =>
        type == DataTypes.Integer ? "INTEGER"
        : type == DataTypes.Long ? "BIGINT"
        : type == DataTypes.Double ? "DOUBLE"
        : type == DataTypes.Boolean ? "BOOLEAN"
        : type == DataTypes.String ? "VARCHAR"
        : throw new NotSupportedException($"No DuckDB type for {type.SimpleString}.");

    /// <summary>Integers of every width become long, other numbers double; strings and booleans stay.</summary>
    private static object?[] Normalize(object?[] row) => row.Select(v => v switch
    {
        null => null,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(v, CultureInfo.InvariantCulture),
        BigInteger b => (long)b,
        float or double or decimal => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        string or bool => v,
        _ => v.ToString(),
    }).ToArray();

    /// <summary>A total order on normalized rows in which rows equal within the tolerance compare as 0.</summary>
    private static int RowOrder(object?[] a, object?[] b)
    {
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            int c = ValueOrder(a[i], b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int ValueOrder(object? x, object? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        if (x is long lx && y is long ly) return lx.CompareTo(ly);
        if (x is long or double && y is long or double)
        {
            double dx = Convert.ToDouble(x, CultureInfo.InvariantCulture), dy = Convert.ToDouble(y, CultureInfo.InvariantCulture);
            if (dx == dy || (double.IsNaN(dx) && double.IsNaN(dy))) return 0;
            if (!double.IsFinite(dx) || !double.IsFinite(dy)) return double.IsNaN(dx) ? 1 : double.IsNaN(dy) ? -1 : dx.CompareTo(dy);
            if (Math.Abs(dx - dy) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(dx), Math.Abs(dy)))) return 0;
            return dx.CompareTo(dy);
        }
        if (x is bool bx && y is bool by) return bx.CompareTo(by);
        return string.CompareOrdinal(Convert.ToString(x, CultureInfo.InvariantCulture), Convert.ToString(y, CultureInfo.InvariantCulture));
    }

    private static string Format(object?[] row)
    {
        var sb = new StringBuilder("[");
        sb.AppendJoin(", ", row.Select(v => v switch
        {
            null => "null",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            string s => $"'{s}'",
            _ => Convert.ToString(v, CultureInfo.InvariantCulture),
        }));
        return sb.Append(']').ToString();
    }
}
