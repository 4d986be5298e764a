using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Sql;

/// <summary>The SQL type of a .NET type, for the result of a typed function.</summary>
internal static class ClrTypes
{
    public static DataType SqlType(Type type, string function)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool)) return DataTypes.Boolean;
        if (t == typeof(int)) return DataTypes.Integer;
        if (t == typeof(long)) return DataTypes.Long;
        if (t == typeof(float)) return DataTypes.Float;
        if (t == typeof(double)) return DataTypes.Double;
        if (t == typeof(string)) return DataTypes.String;
        if (t == typeof(byte[])) return DataTypes.Binary;
        if (t == typeof(DateOnly)) return DataTypes.Date;
        if (t == typeof(DateTime)) return DataTypes.Timestamp;
        if (typeof(Vector).IsAssignableFrom(t)) return DataTypes.Vector;
        if (t.IsArray) return DataTypes.ArrayOf(SqlType(t.GetElementType()!, function));
        throw new ParamException($"Function {function} returns {type.Name}, which has no SQL type; return bool, int, long, float, double, string, byte[], DateOnly, DateTime, a Vector, or an array of those.");
    }
}
