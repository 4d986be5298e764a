using System.Globalization;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>Infers column types from CSV text as Spark does: integer → long → double → boolean → string.</summary>
internal static class CsvSchemaInference
{
    /// <summary>The narrowest type that parses <paramref name="text"/>, or null when it is a null value.</summary>
    public static DataType? TypeOf(string text, bool quoted, CsvOptions o)
    {
        if (!quoted && text == o.NullValue) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return DataTypes.Integer;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return DataTypes.Long;
        if (CsvValueParser.TryParseDouble(text, out _)) return DataTypes.Double;
        if (bool.TryParse(text, out _)) return DataTypes.Boolean;
        return DataTypes.String;
    }

    /// <summary>The type that holds values of both types.</summary>
    public static DataType? Merge(DataType? a, DataType? b)
    {
        if (a is null) return b;
        if (b is null || a == b) return a;
        if (a.IsNumeric && b.IsNumeric) return DataTypes.WiderNumeric(a, b);
        return DataTypes.String;
    }
}

/// <summary>Parses CSV text into typed values.</summary>
internal static class CsvValueParser
{
    public static bool TryParseDouble(string text, out double value)
    {
        switch (text)
        {
            case "NaN": value = double.NaN; return true;
            case "Inf" or "Infinity" or "+Inf" or "+Infinity": value = double.PositiveInfinity; return true;
            case "-Inf" or "-Infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses one field to <paramref name="type"/>; false when it does not parse.</summary>
    public static bool TryParse(string text, DataType type, out object? value)
    {
        value = null;
        if (type == DataTypes.String) { value = text; return true; }
        if (type == DataTypes.Integer && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) { value = i; return true; }
        if (type == DataTypes.Long && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) { value = l; return true; }
        if (type == DataTypes.Double && TryParseDouble(text, out var d)) { value = d; return true; }
        if (type == DataTypes.Float && TryParseDouble(text, out var f)) { value = (float)f; return true; }
        if (type == DataTypes.Boolean && bool.TryParse(text, out var b)) { value = b; return true; }
        return false;
    }
}
