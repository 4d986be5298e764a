using System.Globalization;

namespace DeepLearningPipelines.Core;

/// <summary>Converts column values between .NET types with Spark's widening rules and clear errors.</summary>
public static class ValueConvert
{
    /// <summary>Converts a column value to <typeparamref name="T"/>; <paramref name="column"/> names the column in errors.</summary>
    public static T To<T>(object? value, string column)
    {
        if (value is T t) return t;
        if (value is null)
        {
            if (default(T) is null) return default!;
            throw new DataFormatException($"Column '{column}' is null where a {typeof(T).Name} value is required.");
        }
        var target = typeof(T);
        try
        {
            if (target == typeof(double)) return (T)(object)ToDouble(value, column);
            if (target == typeof(float)) return (T)(object)(float)ToDouble(value, column);
            if (target == typeof(long)) return (T)(object)Convert.ToInt64(value, CultureInfo.InvariantCulture);
            if (target == typeof(int)) return (T)(object)Convert.ToInt32(value, CultureInfo.InvariantCulture);
            if (target == typeof(string)) return (T)(object)ValueFormat.Plain(value);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new DataFormatException($"Column '{column}': cannot convert {value.GetType().Name} value '{value}' to {target.Name}.", e);
        }
        throw new DataFormatException($"Column '{column}': cannot convert {value.GetType().Name} value '{ValueFormat.Plain(value)}' to {target.Name}.");
    }

    /// <summary>A numeric or boolean value as double; throws naming the column otherwise.</summary>
    public static double ToDouble(object? value, string column) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        bool b => b ? 1.0 : 0.0,
        null => throw new DataFormatException($"Column '{column}' is null where a number is required."),
        _ => throw new DataFormatException($"Column '{column}' holds a {value.GetType().Name} value ('{ValueFormat.Plain(value)}') where a number is required."),
    };

    /// <summary>Converts a value to the .NET representation of <paramref name="type"/>, or throws naming the column.</summary>
    public static object? ToType(object? value, DataType type, string column)
    {
        if (value is null) return null;
        if (type == DataTypes.Double) return ToDouble(value, column);
        if (type == DataTypes.Float) return (float)ToDouble(value, column);
        if (type == DataTypes.Integer) return value is string s ? int.Parse(s, CultureInfo.InvariantCulture) : checked((int)ToDouble(value, column));
        if (type == DataTypes.Long) return value is string s2 ? long.Parse(s2, CultureInfo.InvariantCulture) : checked((long)ToDouble(value, column));
        if (type == DataTypes.Boolean) return value is string s3 ? bool.Parse(s3) : ToDouble(value, column) != 0;
        if (type == DataTypes.String) return ValueFormat.Plain(value);
        if (type == DataTypes.Date) return value switch
        {
            DateOnly d => d,
            DateTime t => DateOnly.FromDateTime(t),
            string s4 => DateTimeText.ParseDate(s4) ?? throw new FormatException($"'{s4}' is not a date (yyyy-MM-dd)."),
            _ => throw new FormatException($"A {value.GetType().Name} value cannot be cast to date."),
        };
        if (type == DataTypes.Timestamp) return value switch
        {
            DateTime t => t,
            DateOnly d => d.ToDateTime(TimeOnly.MinValue),
            string s5 => DateTimeText.ParseTimestamp(s5) ?? throw new FormatException($"'{s5}' is not a timestamp (yyyy-MM-dd HH:mm:ss)."),
            _ => throw new FormatException($"A {value.GetType().Name} value cannot be cast to timestamp."),
        };
        return value;
    }
}
