using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>
/// Concatenates numeric, boolean and vector columns into one vector column, as Spark's <c>VectorAssembler</c>.
/// <c>handleInvalid</c>: <c>error</c> (default) fails on null or NaN naming the column, <c>skip</c> drops the row,
/// <c>keep</c> writes NaN.
/// </summary>
public sealed class VectorAssembler : Transformer
{
    public VectorAssembler(string? uid = null) : base(uid)
    {
        InputColsParam = SharedParams.InputCols(this);
        OutputColParam = SharedParams.OutputCol(this);
        HandleInvalidParam = SharedParams.HandleInvalid(this, "error", "error", "skip", "keep");
    }

    public Param<string[]> InputColsParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string> HandleInvalidParam { get; }

    public string[]? InputCols { get => GetOrNull(InputColsParam); set => SetOrClear(InputColsParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public string HandleInvalid { get => Get(HandleInvalidParam); set => Set(HandleInvalidParam, value); }

    public VectorAssembler SetInputCols(params string[] value) { Set(InputColsParam, value); return this; }
    public VectorAssembler SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public VectorAssembler SetHandleInvalid(string value) { Set(HandleInvalidParam, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        foreach (var c in Get(InputColsParam))
        {
            var t = schema[c].DataType;
            if (!t.IsNumeric && t != DataTypes.Boolean && t is not VectorType)
                throw new SchemaException($"VectorAssembler does not support column '{c}' of type {t.SimpleString}; input columns must be numeric, boolean or vector.{schema[c].NoteSuffix}");
        }
        return ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, false));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var cols = Get(InputColsParam);
        var mode = Get(HandleInvalidParam).ToLowerInvariant();
        var indices = cols.Select(dataset.Schema.FieldIndex).ToArray();
        var sizes = new int?[cols.Length];
        for (int k = 0; k < cols.Length; k++) if (dataset.Schema[indices[k]].DataType != DataTypes.Vector) sizes[k] = 1;
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Vector, false)], b =>
        {
            var vectors = new VectorColumn?[cols.Length];
            var numbers = new NumericColumn?[cols.Length];
            for (int k = 0; k < cols.Length; k++)
            {
                if (b.Schema[indices[k]].DataType is VectorType) vectors[k] = new VectorColumn(b.Column(indices[k]), cols[k]);
                else numbers[k] = new NumericColumn(b.Column(indices[k]), cols[k]);
            }
            var output = new VectorColumnBuilder(Get(OutputColParam));
            var keep = mode == "skip" ? new bool[b.RowCount] : null;
            var values = new List<double>();
            for (int r = 0; r < b.RowCount; r++)
            {
                values.Clear();
                bool invalid = false;
                for (int k = 0; k < cols.Length; k++)
                {
                    bool isNull = vectors[k]?.IsNull(r) ?? numbers[k]!.IsNull(r);
                    if (isNull)
                    {
                        invalid = true;
                        if (mode == "error") throw Invalid(cols[k], "null", b, r);
                        int n = sizes[k] ?? throw new DataFormatException($"VectorAssembler: column '{cols[k]}' is null and its vector size is unknown, so handleInvalid=keep cannot fill it.");
                        for (int i = 0; i < n; i++) values.Add(double.NaN);
                    }
                    else if (vectors[k] is { } vec)
                    {
                        int size = vec.Size(r), start = values.Count;
                        sizes[k] ??= size;
                        CollectionsMarshal.SetCount(values, start + size);
                        var span = CollectionsMarshal.AsSpan(values).Slice(start, size);
                        vec.CopyTo(r, span);
                        if (HasNaN(span)) invalid = true;
                    }
                    else
                    {
                        double d = numbers[k]!.Double(r);
                        if (double.IsNaN(d)) invalid = true;
                        values.Add(d);
                    }
                    if (invalid && mode == "error") throw Invalid(cols[k], "NaN", b, r);
                }
                if (keep is not null) keep[r] = !invalid;
                AppendCompressed(output, CollectionsMarshal.AsSpan(values));
            }
            return ([output.Build()], keep);
        }, "VectorAssembler");
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var v in values) if (double.IsNaN(v)) return true;
        return false;
    }

    /// <summary>Appends the values dense or sparse, whichever is smaller, as Spark's <c>compressed</c>.</summary>
    private static void AppendCompressed(VectorColumnBuilder output, ReadOnlySpan<double> values)
    {
        int nnz = values.Length - values.Count(0.0);
        if (1.5 * (nnz + 1.0) >= values.Length)
        {
            output.AppendDense(values);
            return;
        }
        var idx = new int[nnz];
        var val = new double[nnz];
        for (int i = 0, k = 0; i < values.Length; i++)
            if (values[i] != 0) { idx[k] = i; val[k++] = values[i]; }
        output.AppendSparse(values.Length, idx, val);
    }

    private static DataFormatException Invalid(string column, string what, RowBatch b, int row) =>
        new($"VectorAssembler: column '{column}' has a {what} value in row {MessageText.Escape(b.GetRow(row).ToString()!, 200)}{RowDetails.Of(b, row, column)}. Consider handleInvalid = \"skip\" to drop such rows or \"keep\" to output NaN.");
}
