using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

public static partial class Functions
{
    /// <summary>The absolute value, of the argument's type.</summary>
    public static Column Abs(Column column) =>
        new(new ScalarFunctionExpr("abs", [column.Expr], NumericArgs("abs", [column.Expr], t => t), v => v[0] switch
        {
            int i => (object)(i == int.MinValue ? i : Math.Abs(i)),
            long l => l == long.MinValue ? l : Math.Abs(l),
            float f => Math.Abs(f),
            _ => Math.Abs(ValueConvert.ToDouble(v[0], column.Name)),
        }));

    /// <summary>The square root (NaN for negative values).</summary>
    public static Column Sqrt(Column column) => DoubleFn("SQRT", column, x => Math.Sqrt(x));

    /// <summary>e raised to the value.</summary>
    public static Column Exp(Column column) => DoubleFn("EXP", column, x => Math.Exp(x));

    /// <summary>The natural logarithm; null for values ≤ 0, as Spark.</summary>
    public static Column Log(Column column) => DoubleFn("ln", column, x => x <= 0 ? null : Math.Log(x));

    /// <summary>The logarithm in base <paramref name="logBase"/>; null for values ≤ 0.</summary>
    public static Column Log(double logBase, Column column) =>
        new(new ScalarFunctionExpr("LOG", [Literal.Of(logBase), column.Expr], NumericArgs("log", [Literal.Of(logBase), column.Expr], _ => DataTypes.Double), v =>
        {
            double x = ValueConvert.ToDouble(v[1], column.Name);
            return x <= 0 || logBase <= 0 ? null : Math.Log(x) / Math.Log(logBase);
        }));

    /// <summary>The base-10 logarithm; null for values ≤ 0.</summary>
    public static Column Log10(Column column) => DoubleFn("LOG10", column, x => x <= 0 ? null : Math.Log10(x));

    /// <summary><paramref name="column"/> raised to <paramref name="exponent"/> (a column or a number), as double.</summary>
    public static Column Pow(Column column, object exponent)
    {
        Expr[] args = [column.Expr, Column.ToExpr(exponent)];
        return new(new ScalarFunctionExpr("POWER", args, NumericArgs("pow", args, _ => DataTypes.Double),
            v => Math.Pow(ValueConvert.ToDouble(v[0], args[0].Name), ValueConvert.ToDouble(v[1], args[1].Name))));
    }

    /// <summary>The value rounded to <paramref name="scale"/> decimal places, halves away from zero (HALF_UP); the type is kept.</summary>
    public static Column Round(Column column, int scale = 0) => RoundFn("round", column, scale, MidpointRounding.AwayFromZero);

    /// <summary>The value rounded to <paramref name="scale"/> decimal places, halves to even (banker's, HALF_EVEN); the type is kept.</summary>
    public static Column Bround(Column column, int scale = 0) => RoundFn("bround", column, scale, MidpointRounding.ToEven);

    /// <summary>The largest integer not above the value, as long.</summary>
    public static Column Floor(Column column) => Integral("FLOOR", column, Math.Floor);

    /// <summary>The smallest integer not below the value, as long.</summary>
    public static Column Ceil(Column column) => Integral("CEIL", column, Math.Ceiling);

    /// <summary>-1.0, 0.0 or 1.0 by the sign of the value.</summary>
    public static Column Signum(Column column) => DoubleFn("SIGNUM", column, x => double.IsNaN(x) ? double.NaN : Math.Sign(x));

    private static Column DoubleFn(string name, Column column, Func<double, double?> f) =>
        new(new ScalarFunctionExpr(name, [column.Expr], NumericArgs(name.ToLowerInvariant(), [column.Expr], _ => DataTypes.Double),
            v => f(ValueConvert.ToDouble(v[0], column.Name))));

    private static Column Integral(string name, Column column, Func<double, double> f) =>
        new(new ScalarFunctionExpr(name, [column.Expr], NumericArgs(name.ToLowerInvariant(), [column.Expr], _ => DataTypes.Long),
            v => v[0] is int or long ? Convert.ToInt64(v[0], CultureInfo.InvariantCulture) : (long)f(ValueConvert.ToDouble(v[0], column.Name))));

    private static Column RoundFn(string name, Column column, int scale, MidpointRounding mode) =>
        new(new ScalarFunctionExpr(name, [column.Expr, Literal.Of(scale)], NumericArgs(name, [column.Expr], t => t), v => v[0] switch
        {
            int i => (object)(int)RoundDecimal(i, scale, mode),
            long l => (long)RoundDecimal(l, scale, mode),
            float f => (float)RoundDouble(f, scale, mode),
            _ => RoundDouble(ValueConvert.ToDouble(v[0], column.Name), scale, mode),
        }));

    /// <summary>
    /// Rounds the decimal text of <paramref name="d"/> (Java's <c>Double.toString</c>), as Spark's
    /// <c>BigDecimal(d).setScale</c>. Values far from a half are rounded in binary, which gives the same double.
    /// </summary>
    private static double RoundDouble(double d, int scale, MidpointRounding mode)
    {
        if (double.IsNaN(d) || double.IsInfinity(d) || scale > 28 || Math.Abs(d) >= 1e28) return d;
        if (scale is >= 0 and <= 22)
        {
            // Below 1e9 the scaled value is within 1e-6 of the decimal text's, so the nearest integer is the same
            // unless the fraction is that close to a half; integer / 10^scale then rounds to the same double.
            double p10 = Math.Pow(10, scale), scaled = d * p10;
            if (Math.Abs(scaled) < 1e9 && Math.Abs(Math.Abs(scaled - Math.Truncate(scaled)) - 0.5) > 1e-6)
                return Math.Round(scaled) / p10 + 0.0;
        }
        var dec = decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return (double)RoundDecimal(dec, scale, mode) + 0.0;
    }

    private static decimal RoundDecimal(decimal value, int scale, MidpointRounding mode)
    {
        if (scale >= 0) return Math.Round(value, Math.Min(scale, 28), mode);
        if (-scale > 28) return 0;
        decimal factor = (decimal)Math.Pow(10, -scale);
        return Math.Round(value / factor, 0, mode) * factor;
    }

    /// <summary>A type rule: every argument numeric; the result type from the first argument's type.</summary>
    private static Func<DataType[], DataType> NumericArgs(string function, Expr[] args, Func<DataType, DataType> result) => types =>
    {
        TypeRules.RequireAll(function, args, types, TypeRules.IsNumeric, "a number");
        return result(types[0]);
    };
}
