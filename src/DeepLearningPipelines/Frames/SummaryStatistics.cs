using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Execution.Wire;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// Spark's <c>describe</c> and <c>summary</c>: one string row per statistic (count, mean, stddev, min, max,
/// percentiles such as <c>25%</c>), one string column per input column, computed in one parallel pass.
/// </summary>
internal static class SummaryStatistics
{
    public static readonly string[] DescribeStats = ["count", "mean", "stddev", "min", "max"];
    public static readonly string[] SummaryStats = ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"];

    public static DataFrame Compute(DataFrame frame, string[] columns, string[] stats)
    {
        var percentiles = stats.Select(Percentile).ToArray();
        var schema = frame.Schema;
        var names = columns.Length > 0 ? columns : schema.Fields.Where(f => Supported(f.DataType)).Select(f => f.Name).ToArray();
        foreach (var n in names)
            if (!Supported(schema[n].DataType))
                throw new SchemaException($"Cannot describe column '{MessageText.Escape(n)}' of type {schema[n].DataType.SimpleString}; only numeric and string columns have statistics.");
        var indices = names.Select(schema.FieldIndex).ToArray();
        bool keepValues = percentiles.Any(p => p is not null);
        var states = frame.Aggregate(
            () => indices.Select(_ => new ColumnStats(keepValues)).ToArray(),
            (acc, batch) =>
            {
                for (int c = 0; c < indices.Length; c++) acc[c].Add(batch.ColumnValues(indices[c]));
                return acc;
            },
            (a, b) =>
            {
                for (int c = 0; c < a.Length; c++) a[c].Merge(b[c]);
                return a;
            });
        var outSchema = new StructType(new[] { new StructField("summary", DataTypes.String) }.Concat(names.Select(n => new StructField(n, DataTypes.String))));
        var rows = stats.Select((stat, s) => new object?[] { stat }
            .Concat(indices.Select((col, c) => states[c].Statistic(stat, percentiles[s], schema[col].DataType.IsNumeric))).ToArray());
        return frame.Session.CreateDataFrame(rows, outSchema, 1);
    }

    private static bool Supported(DataType t) => t.IsNumeric || t == DataTypes.String;

    /// <summary>The fraction of a <c>NN%</c> statistic, null for the named ones; unknown names fail listing the valid ones.</summary>
    private static double? Percentile(string stat)
    {
        if (stat is "count" or "mean" or "stddev" or "min" or "max") return null;
        if (stat.EndsWith('%') && double.TryParse(stat[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && p <= 100)
            return p / 100;
        throw new ParamException($"Unknown statistic '{MessageText.Escape(stat)}'. Use count, mean, stddev, min, max or a percentile such as 25%.");
    }

    /// <summary>The running statistics of one column, merged across partitions as Spark's central-moment aggregates.</summary>
    private sealed class ColumnStats(bool keepValues) : IWireValue<ColumnStats>
    {
        private long _count, _n;
        private double _sum, _mean, _m2;
        private object? _min, _max;
        private readonly List<object> _values = [];

        public void Add(object?[] column)
        {
            foreach (var v in column)
            {
                if (v is null) continue;
                _count++;
                if (_min is null || ValueComparer.Instance.Compare(v, _min) < 0) _min = v;
                if (_max is null || ValueComparer.Instance.Compare(v, _max) > 0) _max = v;
                if (keepValues) _values.Add(v);
                if (AsDouble(v) is not double x) continue;
                _n++;
                _sum += x;
                double delta = x - _mean, deltaN = delta / _n;
                _mean += deltaN;
                _m2 += delta * (delta - deltaN);
            }
        }

        public void Merge(ColumnStats other)
        {
            _count += other._count;
            if (other._min is not null && (_min is null || ValueComparer.Instance.Compare(other._min, _min) < 0)) _min = other._min;
            if (other._max is not null && (_max is null || ValueComparer.Instance.Compare(other._max, _max) > 0)) _max = other._max;
            _values.AddRange(other._values);
            long n = _n + other._n;
            if (n == 0) return;
            double delta = other._mean - _mean, deltaN = delta / n;
            _m2 += other._m2 + delta * deltaN * _n * other._n;
            _mean += deltaN * other._n;
            _sum += other._sum;
            _n = n;
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(keepValues);
            writer.Write(_count);
            writer.Write(_n);
            foreach (var d in new[] { _sum, _mean, _m2 }) writer.Write(d);
            BoxedValues.Write(writer, _min);
            BoxedValues.Write(writer, _max);
            writer.Write(_values.Count);
            foreach (var v in _values) BoxedValues.Write(writer, v);
        }

        public static ColumnStats Read(BinaryReader reader)
        {
            var stats = new ColumnStats(reader.ReadBoolean())
            {
                _count = reader.ReadInt64(), _n = reader.ReadInt64(),
                _sum = reader.ReadDouble(), _mean = reader.ReadDouble(), _m2 = reader.ReadDouble(),
                _min = BoxedValues.Read(reader), _max = BoxedValues.Read(reader),
            };
            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++) stats._values.Add(BoxedValues.Read(reader)!);
            return stats;
        }

        public string? Statistic(string stat, double? percentile, bool numeric) => stat switch
        {
            "count" => _count.ToString(CultureInfo.InvariantCulture),
            "mean" => _n == 0 ? null : JavaFormat.Double(_sum / _n),
            "stddev" => _n < 2 ? null : JavaFormat.Double(Math.Sqrt(_m2 / (_n - 1))),
            "min" => _min is null ? null : ValueFormat.Plain(_min),
            "max" => _max is null ? null : ValueFormat.Plain(_max),
            _ => numeric && _values.Count > 0 ? ValueFormat.Plain(Quantile(percentile!.Value)) : null,
        };

        /// <summary>The value of rank ⌈p·n⌉ in sorted order, as Spark's <c>percentile_approx</c> gives on small data.</summary>
        private object Quantile(double p)
        {
            _values.Sort(ValueComparer.Instance);
            long rank = (long)Math.Ceiling(p * _values.Count);
            return _values[(int)Math.Clamp(rank - 1, 0, _values.Count - 1)];
        }

        /// <summary>Numbers, and text that parses as a number (Spark averages string columns cast to double).</summary>
        private static double? AsDouble(object v) => v switch
        {
            string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            bool => null,
            _ => ValueConvert.ToDouble(v, ""),
        };
    }
}
