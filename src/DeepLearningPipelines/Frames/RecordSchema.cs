using System.Collections;
using System.Reflection;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// Infers a schema from a .NET record or class, as Spark's encoders do for case classes: public properties become
/// fields in declaration order; value types are non-nullable unless <c>T?</c>; reference types follow their nullable
/// annotations (unannotated code: nullable); nested records become structs, arrays and lists arrays, <see cref="Vector"/> vectors.
/// </summary>
internal sealed class RecordSchema
{
    private readonly Func<object, object?[]> _encode;

    private RecordSchema(StructType schema, Func<object, object?[]> encode)
    {
        Schema = schema;
        _encode = encode;
    }

    public StructType Schema { get; }

    /// <summary>The schema and encoder of <paramref name="type"/>.</summary>
    public static RecordSchema For(Type type)
    {
        if (!IsRecord(type))
            throw new SchemaException($"CreateDataFrame<{type.Name}> needs a record or class with public properties; for rows of plain values pass a StructType.");
        var (schema, encode) = Struct(type, type.Name, []);
        return new RecordSchema(schema, encode);
    }

    /// <summary>The values of one record, in schema order.</summary>
    public object?[] Encode(object record) => _encode(record);

    private static bool IsRecord(Type t) =>
        !t.IsPrimitive && !t.IsArray && !t.IsEnum && t != typeof(string) && t != typeof(object) && t != typeof(Row)
        && !typeof(IEnumerable).IsAssignableFrom(t) && Properties(t).Length > 0;

    private static PropertyInfo[] Properties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => Depth(p.DeclaringType!)).ThenBy(p => p.MetadataToken).ToArray();

    private static int Depth(Type t) => t.BaseType is null ? 0 : 1 + Depth(t.BaseType);

    private static (StructType Schema, Func<object, object?[]> Encode) Struct(Type type, string path, HashSet<Type> visiting)
    {
        if (!visiting.Add(type))
            throw new SchemaException($"Cannot infer a schema for '{path}': type {type.Name} contains itself.");
        var context = new NullabilityInfoContext();
        var fields = new List<StructField>();
        var getters = new List<(PropertyInfo Property, bool Nullable, Func<object?, object?> Convert)>();
        foreach (var p in Properties(type))
        {
            var (dataType, nullable, convert) = Map(p.PropertyType, context.Create(p), $"{path}.{p.Name}", visiting);
            fields.Add(new StructField(p.Name, dataType, nullable));
            getters.Add((p, nullable, convert));
        }
        visiting.Remove(type);
        return (new StructType(fields), record => getters.Select(g =>
        {
            var value = g.Property.GetValue(record);
            if (value is null && !g.Nullable)
                throw new DataFormatException($"Property '{type.Name}.{g.Property.Name}' is null but is declared non-nullable; declare it nullable ({g.Property.PropertyType.Name}?) to allow nulls.");
            return value is null ? null : g.Convert(value);
        }).ToArray());
    }

    private static (DataType Type, bool Nullable, Func<object?, object?> Convert) Map(Type t, NullabilityInfo? info, string path, HashSet<Type> visiting)
    {
        if (Nullable.GetUnderlyingType(t) is Type inner)
            return Map(inner, null, path, visiting) with { Nullable = true };
        bool nullable = !t.IsValueType && info?.ReadState != NullabilityState.NotNull;
        static object? Same(object? v) => v;
        if (Atomic(t) is DataType atomic) return (atomic, nullable, Same);
        if (typeof(Vector).IsAssignableFrom(t)) return (DataTypes.Vector, nullable, Same);
        if (ElementType(t) is Type element)
        {
            var elementInfo = info?.ElementType ?? (info?.GenericTypeArguments.Length == 1 ? info.GenericTypeArguments[0] : null);
            var (type, elementNullable, convert) = Map(element, elementInfo, path + "[]", visiting);
            return (DataTypes.ArrayOf(type, elementNullable), nullable,
                v => ((IEnumerable)v!).Cast<object?>().Select(e => e is null ? null : convert(e)).ToArray());
        }
        if (IsRecord(t))
        {
            var (schema, encode) = Struct(t, path, visiting);
            return (schema, nullable, v => new Row(schema, encode(v!)));
        }
        throw new SchemaException($"Cannot infer a column type for '{path}' of type {t.Name}. Supported: bool, int, long, float, double, string, byte[], DateOnly, DateTime, Vector, arrays and lists of these, and nested records.");
    }

    private static DataType? Atomic(Type t) =>
        t == typeof(bool) ? DataTypes.Boolean
        : t == typeof(int) ? DataTypes.Integer
        : t == typeof(long) ? DataTypes.Long
        : t == typeof(float) ? DataTypes.Float
        : t == typeof(double) ? DataTypes.Double
        : t == typeof(string) ? DataTypes.String
        : t == typeof(byte[]) ? DataTypes.Binary
        : t == typeof(DateOnly) ? DataTypes.Date
        : t == typeof(DateTime) ? DataTypes.Timestamp
        : null;

    private static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (t == typeof(string)) return null;
        return t.GetInterfaces().Append(t)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
