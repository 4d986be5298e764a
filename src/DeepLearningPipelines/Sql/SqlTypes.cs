using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Sql;

/// <summary>SQL type names mapped onto the engine's types.</summary>
internal static class SqlTypes
{
    /// <summary>
    /// The type a SQL type name stands for. TINYINT and SMALLINT widen to int and DECIMAL/NUMERIC to double (the
    /// engine has no narrower integers and no decimal); VARCHAR(n) and CHAR(n) are strings, their length unchecked.
    /// </summary>
    public static DataType Parse(string text, int line, int column)
    {
        var lower = text.ToLowerInvariant();
        if (lower.StartsWith("array<", StringComparison.Ordinal) && lower.EndsWith('>'))
            return DataTypes.ArrayOf(Parse(text[6..^1], line, column));
        int paren = lower.IndexOf('(');
        var baseName = paren < 0 ? lower : lower[..paren];
        return baseName switch
        {
            "boolean" or "bool" => DataTypes.Boolean,
            "tinyint" or "byte" or "smallint" or "short" or "int" or "integer" => DataTypes.Integer,
            "bigint" or "long" => DataTypes.Long,
            "float" or "real" => DataTypes.Float,
            "double" or "decimal" or "dec" or "numeric" => DataTypes.Double,
            "string" or "varchar" or "char" or "text" => DataTypes.String,
            "binary" => DataTypes.Binary,
            "date" => DataTypes.Date,
            "timestamp" => DataTypes.Timestamp,
            "vector" => DataTypes.Vector,
            _ => throw new SqlParseException($"unknown type '{text}'; known: boolean, tinyint, smallint, int, bigint, float, double, decimal, string, varchar(n), binary, date, timestamp, vector, array<T>.", line, column),
        };
    }
}
