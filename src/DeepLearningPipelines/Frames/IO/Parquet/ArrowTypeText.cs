using Apache.Arrow;
using Apache.Arrow.Types;

namespace DeepLearningPipelines.Frames.IO.Parquet;

/// <summary>Structural comparison and display of Arrow types (field names and nesting, not nullability or metadata).</summary>
internal static class ArrowTypeText
{
    public static bool Same(IArrowType a, IArrowType b) => Describe(a) == Describe(b);

    public static string Describe(IArrowType type) => type switch
    {
        ListType l => $"list<{Describe(l.ValueDataType)}>",
        LargeListType l => $"large_list<{Describe(l.ValueDataType)}>",
        FixedSizeListType l => $"fixed_size_list<{Describe(l.ValueDataType)}, {l.ListSize}>",
        MapType m => $"map<{Describe(m.KeyField.DataType)}, {Describe(m.ValueField.DataType)}>",
        Apache.Arrow.Types.StructType s => "struct<" + string.Join(", ", s.Fields.Select(f => $"{f.Name}: {Describe(f.DataType)}")) + ">",
        TimestampType t => $"timestamp[{t.Unit}{(t.Timezone is null ? "" : ", " + t.Timezone)}]",
        Decimal128Type d => $"decimal({d.Precision}, {d.Scale})",
        Decimal256Type d => $"decimal256({d.Precision}, {d.Scale})",
        FixedSizeBinaryType f => $"fixed_size_binary[{f.ByteWidth}]",
        _ => type.Name,
    };
}

/// <summary>Memory held by Arrow arrays, for sizing row groups.</summary>
internal static class ArrowSize
{
    public static long Bytes(RecordBatch batch)
    {
        long total = 0;
        for (int i = 0; i < batch.ColumnCount; i++) total += Bytes(batch.Column(i).Data);
        return total;
    }

    private static long Bytes(ArrayData data)
    {
        long total = 0;
        foreach (var buffer in data.Buffers) total += buffer.Length;
        if (data.Children is { } children) foreach (var child in children) total += Bytes(child);
        if (data.Dictionary is { } dictionary) total += Bytes(dictionary);
        return total;
    }
}
