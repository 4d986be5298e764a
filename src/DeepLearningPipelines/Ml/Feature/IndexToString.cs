using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>Maps label indices back to strings with the given <see cref="Labels"/>, as Spark's <c>IndexToString</c>.</summary>
public sealed class IndexToString : Transformer
{
    public IndexToString(string? uid = null) : base(uid)
    {
        InputColParam = SharedParams.InputCol(this);
        OutputColParam = SharedParams.OutputCol(this);
        LabelsParam = Declare<string[]>("labels", "labels by index (e.g. a StringIndexerModel's LabelsParam)");
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string[]> LabelsParam { get; }

    public string? InputCol { get => GetOrNull(InputColParam); set => SetOrClear(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public string[]? Labels { get => GetOrNull(LabelsParam); set => SetOrClear(LabelsParam, value); }

    public IndexToString SetInputCol(string value) { Set(InputColParam, value); return this; }
    public IndexToString SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public IndexToString SetLabels(params string[] value) { Set(LabelsParam, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        schema.RequireNumeric(Get(InputColParam), "label indices");
        if (!IsDefined(LabelsParam)) throw new ParamException("IndexToString needs its labels param set (for example from StringIndexerModel.Labels).");
        return ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.String));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var labels = Get(LabelsParam);
        string input = Get(InputColParam);
        int col = dataset.Schema.FieldIndex(input);
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.String)], b =>
        {
            var output = new object?[b.RowCount];
            for (int r = 0; r < b.RowCount; r++)
            {
                if (b.GetValue(col, r) is not { } v) continue;
                double d = ValueConvert.ToDouble(v, input);
                int i = (int)d;
                if (i != d || i < 0 || i >= labels.Length)
                    throw new DataFormatException($"IndexToString: value {ValueFormat.Plain(v)} in column '{input}' is not a valid index into {labels.Length} labels.");
                output[r] = labels[i];
            }
            return ([output], null);
        }, "IndexToString");
    }

    public static IndexToString Load(string path) => Load<IndexToString>(path);
}
