using Apache.Arrow;
using Apache.Arrow.Types;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>Arrow batches covering the column kinds the engine writes: ids, nullable strings, binary, dates and Spark's VectorUDT struct.</summary>
internal static class ParquetTestData
{
    public static readonly Apache.Arrow.Types.StructType VectorType = new([
        new Field("type", Int8Type.Default, nullable: false),
        new Field("size", Int32Type.Default, nullable: true),
        new Field("indices", new ListType(Int32Type.Default), nullable: true),
        new Field("values", new ListType(DoubleType.Default), nullable: true),
    ]);

    public static readonly Schema Schema = new Schema.Builder()
        .Field(new Field("id", Int64Type.Default, nullable: false))
        .Field(new Field("name", StringType.Default, nullable: true))
        .Field(new Field("data", BinaryType.Default, nullable: true))
        .Field(new Field("day", Date32Type.Default, nullable: true))
        .Field(new Field("features", VectorType, nullable: true))
        .Build();

    public static string? Name(long id) => id % 5 == 3 ? null : $"näme {id}, \"q\"";
    public static byte[]? Data(long id) => id % 7 == 2 ? null : [(byte)id, 0, 255, (byte)(id * 3)];
    public static DateOnly? Day(long id) => id % 6 == 5 ? null : new DateOnly(2024, 1, 1).AddDays((int)id * 11);
    /// <summary>Dense vectors (type 1) of three values, sparse ones (type 0) of size 10 with two entries, and nulls.</summary>
    public static (sbyte Type, int? Size, int[]? Indices, double[] Values)? Vector(long id) => (id % 4) switch
    {
        0 => ((sbyte)1, null, null, [id, id + 0.5, -id * 0.25]),
        1 => ((sbyte)0, 10, [1, (int)(id % 9) + 1 == 1 ? 2 : (int)(id % 9) + 1], [id * 2.0, 0.125]),
        2 => null,
        _ => ((sbyte)1, null, null, []),
    };

    /// <summary>Rows <paramref name="first"/>…<paramref name="first"/>+<paramref name="count"/>-1 as one batch.</summary>
    public static RecordBatch Batch(long first, int count)
    {
        var ids = new Int64Array.Builder();
        var names = new StringArray.Builder();
        var data = new BinaryArray.Builder();
        var days = new Date32Array.Builder();
        var types = new Int8Array.Builder();
        var sizes = new Int32Array.Builder();
        var indices = new ListArray.Builder(Int32Type.Default);
        var values = new ListArray.Builder(DoubleType.Default);
        var valid = new ArrowBuffer.BitmapBuilder();
        for (long id = first; id < first + count; id++)
        {
            ids.Append(id);
            if (Name(id) is { } n) names.Append(n); else names.AppendNull();
            if (Data(id) is { } d) data.Append(d.AsSpan()); else data.AppendNull();
            if (Day(id) is { } day) days.Append(day); else days.AppendNull();
            var v = Vector(id);
            valid.Append(v is not null);
            types.Append(v?.Type ?? 0);
            if (v?.Size is { } size) sizes.Append(size); else sizes.AppendNull();
            if (v?.Indices is { } ix) { indices.Append(); foreach (var i in ix) ((Int32Array.Builder)indices.ValueBuilder).Append(i); }
            else indices.AppendNull();
            if (v is { } present) { values.Append(); foreach (var x in present.Values) ((DoubleArray.Builder)values.ValueBuilder).Append(x); }
            else values.AppendNull();
        }
        var vectors = new StructArray(VectorType, count, [types.Build(), sizes.Build(), indices.Build(), values.Build()], valid.Build(), valid.UnsetBitCount);
        return new RecordBatch(Schema, [ids.Build(), names.Build(), data.Build(), days.Build(), vectors], count);
    }

    public static IEnumerable<RecordBatch> Batches(int batches, int rowsEach) =>
        Enumerable.Range(0, batches).Select(b => Batch((long)b * rowsEach, rowsEach));

    /// <summary>A row as text, for comparing what was written with what is read back.</summary>
    public static string Describe(long id)
    {
        var v = Vector(id);
        string vector = v is not { } x ? "null" : $"{x.Type}|{x.Size?.ToString() ?? "null"}|{(x.Indices is null ? "null" : string.Join(";", x.Indices))}|{string.Join(";", x.Values.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}";
        return $"{id}|{Name(id) ?? "null"}|{(Data(id) is { } d ? Convert.ToHexString(d) : "null")}|{Day(id)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "null"}|{vector}";
    }

    /// <summary>Every row of <paramref name="batches"/> in the <see cref="Describe"/> form, read from the Arrow arrays.</summary>
    public static List<string> DescribeRows(IEnumerable<RecordBatch> batches)
    {
        var rows = new List<string>();
        foreach (var b in batches)
        {
            var ids = (Int64Array)b.Column("id");
            var names = (StringArray)b.Column("name");
            var data = (BinaryArray)b.Column("data");
            var days = (Date32Array)b.Column("day");
            var vectors = (StructArray)b.Column("features");
            var types = (Int8Array)vectors.Fields[0];
            var sizes = (Int32Array)vectors.Fields[1];
            var indices = (ListArray)vectors.Fields[2];
            var values = (ListArray)vectors.Fields[3];
            for (int r = 0; r < b.Length; r++)
            {
                string vector = vectors.IsNull(r) ? "null"
                    : $"{types.GetValue(r)}|{(sizes.IsNull(r) ? "null" : sizes.GetValue(r).ToString())}|{(indices.IsNull(r) ? "null" : string.Join(";", ((Int32Array)indices.GetSlicedValues(r)).Values.ToArray()))}|" +
                      string.Join(";", ((DoubleArray)values.GetSlicedValues(r)).Values.ToArray().Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                rows.Add($"{ids.GetValue(r)}|{names.GetString(r) ?? "null"}|{(data.IsNull(r) ? "null" : Convert.ToHexString(data.GetBytes(r)))}|" +
                         $"{(days.IsNull(r) ? "null" : days.GetDateOnly(r)!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}|{vector}");
            }
        }
        return rows;
    }
}
