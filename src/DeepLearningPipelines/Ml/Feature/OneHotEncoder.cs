using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>
/// Maps category indices (0, 1, 2, …) to sparse one-hot vectors, as Spark's <c>OneHotEncoder</c>: the last category
/// is dropped by default (<c>dropLast</c>) so the vectors stay linearly independent; <c>handleInvalid=keep</c> adds a
/// slot for indices not seen in fitting.
/// </summary>
public sealed class OneHotEncoder : Estimator<OneHotEncoderModel>
{
    public OneHotEncoder(string? uid = null) : base(uid)
    {
        (InputColsParam, OutputColsParam, DropLastParam, HandleInvalidParam) = OneHotEncoderModel.DeclareParams(this);
    }

    public Param<string[]> InputColsParam { get; }
    public Param<string[]> OutputColsParam { get; }
    public Param<bool> DropLastParam { get; }
    public Param<string> HandleInvalidParam { get; }

    public string[]? InputCols { get => GetOrNull(InputColsParam); set => SetOrClear(InputColsParam, value); }
    public string[]? OutputCols { get => GetOrNull(OutputColsParam); set => SetOrClear(OutputColsParam, value); }
    public bool DropLast { get => Get(DropLastParam); set => Set(DropLastParam, value); }
    public string HandleInvalid { get => Get(HandleInvalidParam); set => Set(HandleInvalidParam, value); }

    public OneHotEncoder SetInputCols(params string[] value) { Set(InputColsParam, value); return this; }
    public OneHotEncoder SetOutputCols(params string[] value) { Set(OutputColsParam, value); return this; }
    public OneHotEncoder SetDropLast(bool value) { Set(DropLastParam, value); return this; }
    public OneHotEncoder SetHandleInvalid(string value) { Set(HandleInvalidParam, value); return this; }

    public override StructType TransformSchema(StructType schema) => OneHotEncoderModel.ValidateAndExtend(schema, Get(InputColsParam), Get(OutputColsParam));

    protected override Model FitImpl(DataFrame dataset)
    {
        var cols = Get(InputColsParam);
        var idx = cols.Select(dataset.Schema.FieldIndex).ToArray();
        var max = dataset.Aggregate(() => Enumerable.Repeat(-1, cols.Length).ToArray(), (m, b) =>
        {
            for (int k = 0; k < cols.Length; k++)
                foreach (var v in b.ColumnValues(idx[k]))
                    if (v is not null) m[k] = Math.Max(m[k], OneHotEncoderModel.CategoryIndex(v, cols[k]));
            return m;
        }, (a, b) => a.Zip(b, Math.Max).ToArray());
        var model = new OneHotEncoderModel(Uid) { CategorySizes = max.Select(m => m + 1).ToArray() };
        CopyValuesTo(model);
        return model;
    }

    public static OneHotEncoder Load(string path) => Load<OneHotEncoder>(path);
}

/// <summary>A fitted <see cref="OneHotEncoder"/>: the number of categories of each input column.</summary>
public sealed class OneHotEncoderModel : Model
{
    public OneHotEncoderModel(string? uid = null) : base(uid)
    {
        (InputColsParam, OutputColsParam, DropLastParam, HandleInvalidParam) = OneHotEncoderModel.DeclareParams(this);
    }

    public Param<string[]> InputColsParam { get; }
    public Param<string[]> OutputColsParam { get; }
    public Param<bool> DropLastParam { get; }
    public Param<string> HandleInvalidParam { get; }

    public string[]? InputCols { get => GetOrNull(InputColsParam); set => SetOrClear(InputColsParam, value); }
    public string[]? OutputCols { get => GetOrNull(OutputColsParam); set => SetOrClear(OutputColsParam, value); }
    public bool DropLast { get => Get(DropLastParam); set => Set(DropLastParam, value); }
    public string HandleInvalid { get => Get(HandleInvalidParam); set => Set(HandleInvalidParam, value); }

    /// <summary>Categories seen per input column (maximum index + 1).</summary>
    public int[] CategorySizes { get; internal set; } = [];

    /// <summary>Declares the params the encoder and its model share on <paramref name="owner"/>.</summary>
    internal static (Param<string[]>, Param<string[]>, Param<bool>, Param<string>) DeclareParams(Params owner) => (
        SharedParams.InputCols(owner),
        SharedParams.OutputCols(owner),
        owner.Declare<bool>("dropLast", "whether to drop the last category", true),
        SharedParams.HandleInvalid(owner, "error", "error", "keep"));

    internal static StructType ValidateAndExtend(StructType schema, string[] inputs, string[] outputs)
    {
        if (inputs.Length != outputs.Length)
            throw new ParamException($"OneHotEncoder has {inputs.Length} input columns but {outputs.Length} output columns; they must match.");
        foreach (var c in inputs) schema.RequireNumeric(c, "category indices");
        return ColumnAppender.Extend(schema, outputs.Select(o => new StructField(o, DataTypes.Vector, false)).ToArray());
    }

    internal static int CategoryIndex(object value, string column)
    {
        double d = ValueConvert.ToDouble(value, column);
        if (d < 0 || d != Math.Floor(d) || d > int.MaxValue)
            throw new DataFormatException($"OneHotEncoder: column '{column}' holds {ValueFormat.Plain(value)}, but category indices must be non-negative integers.");
        return (int)d;
    }

    public override StructType TransformSchema(StructType schema) => ValidateAndExtend(schema, Get(InputColsParam), Get(OutputColsParam));

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var cols = Get(InputColsParam);
        var idx = cols.Select(dataset.Schema.FieldIndex).ToArray();
        bool dropLast = Get(DropLastParam), keep = Get(HandleInvalidParam).Equals("keep", StringComparison.OrdinalIgnoreCase);
        var sizes = CategorySizes.Select(s => (keep ? s + 1 : s) - (dropLast ? 1 : 0)).ToArray();
        var fields = Get(OutputColsParam).Select(o => new StructField(o, DataTypes.Vector, false)).ToArray();
        return ColumnAppender.Append(dataset, fields, b =>
        {
            var outputs = new object?[cols.Length][];
            for (int k = 0; k < cols.Length; k++)
            {
                outputs[k] = new object?[b.RowCount];
                for (int r = 0; r < b.RowCount; r++)
                {
                    var v = b.GetValue(idx[k], r);
                    int cat = v is null ? -1 : CategoryIndex(v, cols[k]);
                    if (cat < 0 || cat >= CategorySizes[k])
                    {
                        if (!keep)
                            throw new DataFormatException($"OneHotEncoder: column '{cols[k]}' has {(v is null ? "a null" : $"unseen category {ValueFormat.Plain(v)}")}; {CategorySizes[k]} categories were seen in fitting. Set handleInvalid to \"keep\" to map it to an extra slot.");
                        cat = CategorySizes[k];
                    }
                    outputs[k][r] = cat < sizes[k] ? new SparseVector(sizes[k], [cat], [1.0]) : new SparseVector(sizes[k], [], []);
                }
            }
            return (outputs, null);
        }, "OneHotEncoderModel");
    }

    protected internal override void SaveData(string directory) => Persistence.ModelData.Write(directory, CategorySizes);
    protected internal override void LoadData(string directory)
    {
        var sizes = Persistence.ModelData.Read<int[]>(directory);
        if (sizes.Any(n => n < 0)) throw new PersistenceException($"OneHotEncoderModel data in {directory} holds a negative category count.");
        if (IsDefined(InputColsParam) && Get(InputColsParam).Length != sizes.Length)
            throw new PersistenceException($"OneHotEncoderModel data in {directory} holds {sizes.Length} category counts for {Get(InputColsParam).Length} input columns.");
        CategorySizes = sizes;
    }

    public static OneHotEncoderModel Load(string path) => Load<OneHotEncoderModel>(path);
}
