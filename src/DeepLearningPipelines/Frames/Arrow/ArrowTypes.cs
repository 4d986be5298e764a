using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Core;
using ArrowField = Apache.Arrow.Field;
using ArrowSchema = Apache.Arrow.Schema;
using ArrowStruct = Apache.Arrow.Types.StructType;
using StructType = DeepLearningPipelines.Core.StructType;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>
/// Spark types as Arrow types and back. A vector is Spark's <c>VectorUDT</c> storage struct
/// (<c>type: int8, size: int32, indices: list&lt;int32&gt;, values: list&lt;double&gt;</c>) whose field carries the
/// Arrow extension name <see cref="VectorExtensionName"/>, so that it reads back as a vector.
/// </summary>
internal static class ArrowTypes
{
    /// <summary>The field metadata key Arrow uses to name an extension type.</summary>
    public const string ExtensionKey = "ARROW:extension:name";

    /// <summary>The extension name that marks a vector column.</summary>
    public const string VectorExtensionName = "org.apache.spark.ml.linalg.VectorUDT";

    private static readonly Dictionary<string, string> VectorMetadata = new() { [ExtensionKey] = VectorExtensionName };

    /// <summary>The storage struct of a vector: Spark's <c>VectorUDT.sqlType</c>.</summary>
    public static readonly ArrowStruct VectorStorage = new(
    [
        new ArrowField("type", Int8Type.Default, false),
        new ArrowField("size", Int32Type.Default, true),
        new ArrowField("indices", new ListType(new ArrowField("element", Int32Type.Default, false)), true),
        new ArrowField("values", new ListType(new ArrowField("element", DoubleType.Default, false)), true),
    ]);

    /// <summary>The Arrow field of a Spark field (vector fields carry the vector extension name).</summary>
    public static ArrowField ToField(string name, DataType type, bool nullable) =>
        type is VectorType
            ? new ArrowField(name, VectorStorage, nullable, VectorMetadata)
            : new ArrowField(name, ToArrow(type), nullable);

    /// <summary>Spark's timestamp storage: microseconds since the epoch, UTC.</summary>
    public static readonly TimestampType SparkTimestamp = new(TimeUnit.Microsecond, "UTC");

    /// <summary>The Arrow schema of a Spark schema.</summary>
    public static ArrowSchema ToSchema(StructType schema) =>
        new(schema.Fields.Select(f => ToField(f.Name, f.DataType, f.Nullable)), null);

    /// <summary>The Arrow storage type of a Spark type.</summary>
    public static IArrowType ToArrow(DataType type) => type switch
    {
        _ when type == DataTypes.Boolean => BooleanType.Default,
        _ when type == DataTypes.Integer => Int32Type.Default,
        _ when type == DataTypes.Long => Int64Type.Default,
        _ when type == DataTypes.Float => FloatType.Default,
        _ when type == DataTypes.Double => DoubleType.Default,
        _ when type == DataTypes.String => StringType.Default,
        _ when type == DataTypes.Binary => BinaryType.Default,
        _ when type == DataTypes.Date => Date32Type.Default,
        _ when type == DataTypes.Timestamp => SparkTimestamp,
        VectorType => VectorStorage,
        ArrayType a => new ListType(ToField("element", a.ElementType, a.ContainsNull)),
        StructType s => new ArrowStruct(s.Fields.Select(f => ToField(f.Name, f.DataType, f.Nullable)).ToList()),
        _ => throw new SchemaException($"Type {type.SimpleString} has no Arrow representation."),
    };

    /// <summary>The Spark type of an Arrow field (byte and short widen to integer, as Spark reads them into int columns here).</summary>
    public static DataType FromField(ArrowField field)
    {
        if (field.Metadata is { } meta && meta.TryGetValue(ExtensionKey, out var ext) && ext == VectorExtensionName) return DataTypes.Vector;
        return field.DataType switch
        {
            BooleanType => DataTypes.Boolean,
            Int8Type or Int16Type or Int32Type => DataTypes.Integer,
            Int64Type => DataTypes.Long,
            FloatType => DataTypes.Float,
            DoubleType => DataTypes.Double,
            StringType or LargeStringType => DataTypes.String,
            BinaryType or LargeBinaryType => DataTypes.Binary,
            Date32Type or Date64Type => DataTypes.Date,
            TimestampType => DataTypes.Timestamp,
            ListType l => DataTypes.ArrayOf(FromField(l.ValueField), l.ValueField.IsNullable),
            ArrowStruct s => FromFields(s.Fields),
            var t => throw new SchemaException($"Arrow type {t.Name} of field '{field.Name}' is not supported; use boolean, int8-64, float, double, string, binary, date, timestamp, list or struct."),
        };
    }

    /// <summary>The Spark schema of an Arrow schema.</summary>
    public static StructType FromSchema(ArrowSchema schema) => FromFields(schema.FieldsList);

    private static StructType FromFields(IEnumerable<ArrowField> fields) =>
        new(fields.Select(f => new StructField(f.Name, FromField(f), f.IsNullable)));
}
