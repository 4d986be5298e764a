using System.Collections;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Parameters;

/// <summary>
/// Converts a value given by name (<c>Set("regParam", 1)</c>) to the param's type as Spark's type converters do:
/// any number for a double, an integral number for an int or long, a list of such for an array; nothing else.
/// </summary>
internal static class ParamValueConversion
{
    /// <summary>The value as the param's type; throws a <see cref="ParamException"/> naming the param and both types when it cannot be.</summary>
    public static object? Convert(string owner, Param param, object? value)
    {
        if (value is null || param.ValueType.IsInstanceOfType(value)) return value;
        return TryConvert(value, param.ValueType, out var converted)
            ? converted
            : throw new ParamException($"Param '{param.Name}' of {owner} expects {TypeName(param.ValueType)} but was given {TypeName(value.GetType())} {ParamText.Format(value)}.");
    }

    private static bool TryConvert(object value, Type target, out object? converted)
    {
        converted = null;
        if (target.IsInstanceOfType(value)) { converted = value; return true; }
        if (target == typeof(double) || target == typeof(float))
        {
            if (!IsNumber(value)) return false;
            double d = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
            converted = target == typeof(double) ? d : (float)d;
            return true;
        }
        if (target == typeof(int) || target == typeof(long))
        {
            if (!IsNumber(value)) return false;
            decimal? whole = value switch
            {
                double d when double.IsFinite(d) && Math.Abs(d) < 1e28 && d == Math.Floor(d) => (decimal)d,
                float f when float.IsFinite(f) && Math.Abs(f) < 1e28f && f == MathF.Floor(f) => (decimal)f,
                double or float => null,
                _ => System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
            };
            if (whole is not { } w || w != decimal.Truncate(w)) return false;
            if (target == typeof(int) && w is >= int.MinValue and <= int.MaxValue) { converted = (int)w; return true; }
            if (target == typeof(long) && w is >= long.MinValue and <= long.MaxValue) { converted = (long)w; return true; }
            return false;
        }
        if (target.IsArray && value is IEnumerable items and not string)
        {
            var element = target.GetElementType()!;
            var list = new List<object?>();
            foreach (var item in items)
            {
                if (item is null || !TryConvert(item, element, out var c)) return false;
                list.Add(c);
            }
            var array = Array.CreateInstance(element, list.Count);
            for (int i = 0; i < list.Count; i++) array.SetValue(list[i], i);
            converted = array;
            return true;
        }
        return false;
    }

    private static bool IsNumber(object value) =>
        value is byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal;

    /// <summary>The C# spelling of a type: <c>double</c>, <c>string[]</c>, <c>Func&lt;string, ImageData&gt;</c>.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType)
            return type.Name[..type.Name.IndexOf('`')] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.String => "string",
            _ => type.Name,
        };
    }
}
