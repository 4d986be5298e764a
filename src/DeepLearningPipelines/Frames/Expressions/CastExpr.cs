using System.Globalization;
using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// Converts its child's values to another type; unconvertible values become null, as in Spark, and the failed
/// values are noted on the result (<see cref="CastFailures"/>). Numeric to numeric casts run on typed buffers.
/// </summary>
internal sealed class CastExpr(Expr child, DataType target) : Expr
{
    public override string Name => $"CAST({child.Name} AS {target.SimpleString.ToUpperInvariant()})";
    public override IEnumerable<Expr> Children => [child];

    public override DataType ResolveType(StructType schema)
    {
        child.ResolveType(schema);
        return target;
    }

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        var source = child.ResolveType(schema);
        var eval = child.Bind(schema);
        if (source == target) return eval;
        if ((source.IsNumeric || source == DataTypes.Boolean) && target.IsNumeric) return b => Numeric(eval(b));
        if (source == DataTypes.String && target.IsNumeric) return b => Parse((StringArray)eval(b));
        return b => Boxed(eval(b), source);
    }

    private IArrowArray Numeric(IArrowArray input)
    {
        var src = new NumericColumn(input, child.Name);
        int n = src.Length;
        var valid = src.HasNulls ? new bool[n] : null;
        if (valid is not null) for (int r = 0; r < n; r++) valid[r] = !src.IsNull(r);
        if (target == DataTypes.Double) return PrimitiveArrays.Of(target, Fill(n, r => src.Double(r)), valid);
        if (target == DataTypes.Float) return PrimitiveArrays.Of(target, Fill(n, r => (float)src.Double(r)), valid);
        var notes = new Dictionary<int, (object Value, DataType Target)>();
        IArrowArray result;
        if (target == DataTypes.Long)
            result = PrimitiveArrays.Of(target, Checked(src, valid, notes, d => checked((long)d), l => l), valid ??= Valid(n, notes));
        else
            result = PrimitiveArrays.Of(target, Checked(src, valid, notes, d => checked((int)d), l => checked((int)l)), valid ??= Valid(n, notes));
        CastFailures.Attach(result, notes);
        return result;
    }

    private static T[] Fill<T>(int n, Func<int, T> value)
    {
        var result = new T[n];
        for (int r = 0; r < n; r++) result[r] = value(r);
        return result;
    }

    /// <summary>Integral targets: values out of range (and NaN) become null with a note.</summary>
    private T[] Checked<T>(NumericColumn src, bool[]? valid, Dictionary<int, (object, DataType)> notes, Func<double, T> fromDouble, Func<long, T> fromLong)
    {
        var result = new T[src.Length];
        for (int r = 0; r < result.Length; r++)
        {
            if (valid is not null && !valid[r]) continue;
            try { result[r] = src.IsIntegral ? fromLong(src.Long(r)) : fromDouble(src.Double(r)); }
            catch (OverflowException) { notes[r] = (src.IsIntegral ? src.Long(r) : src.Double(r), target); }
        }
        if (valid is not null) foreach (var r in notes.Keys) valid[r] = false;
        return result;
    }

    private static bool[]? Valid(int n, Dictionary<int, (object, DataType)> notes)
    {
        if (notes.Count == 0) return null;
        var valid = new bool[n];
        System.Array.Fill(valid, true);
        foreach (var r in notes.Keys) valid[r] = false;
        return valid;
    }

    /// <summary>Strings to numbers, parsed as Spark does (invariant culture, surrounding blanks ignored).</summary>
    private IArrowArray Parse(StringArray input)
    {
        int n = input.Length;
        var parsed = new double[n];
        var longs = new long[n];
        var valid = new bool[n];
        var notes = new Dictionary<int, (object Value, DataType Target)>();
        bool integral = target == DataTypes.Integer || target == DataTypes.Long;
        for (int r = 0; r < n; r++)
        {
            if (input.IsNull(r)) continue;
            var text = input.GetString(r).Trim();
            valid[r] = integral
                ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out longs[r]) && (target == DataTypes.Long || longs[r] is >= int.MinValue and <= int.MaxValue)
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[r]);
            if (!valid[r]) notes[r] = (input.GetString(r), target);
        }
        IArrowArray result =
            target == DataTypes.Double ? PrimitiveArrays.Of(target, parsed, valid)
            : target == DataTypes.Float ? PrimitiveArrays.Of(target, System.Array.ConvertAll(parsed, v => (float)v), valid)
            : target == DataTypes.Long ? PrimitiveArrays.Of(target, longs, valid)
            : PrimitiveArrays.Of(target, System.Array.ConvertAll(longs, v => (int)v), valid);
        CastFailures.Attach(result, notes);
        return result;
    }

    /// <summary>Any other cast, value by value through <see cref="ValueConvert.ToType"/>.</summary>
    private IArrowArray Boxed(IArrowArray input, DataType source)
    {
        var builder = ColumnBuilder.For(target, Name, input.Length);
        var notes = new Dictionary<int, (object Value, DataType Target)>();
        for (int r = 0; r < input.Length; r++)
        {
            var value = ArrowValues.Get(input, source, r);
            try { builder.Append(ValueConvert.ToType(value, target, child.Name)); }
            catch (Exception e) when (e is FormatException or OverflowException or DataFormatException)
            {
                builder.Append(null);
                notes[r] = (value!, target);
            }
        }
        var result = builder.Build();
        CastFailures.Attach(result, notes);
        return result;
    }
}
