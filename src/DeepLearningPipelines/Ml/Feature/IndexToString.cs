using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>Maps label indices back to strings with the given <see cref="Labels"/>, as Spark's <c>IndexToString</c>.</summary>
public sealed class IndexToString : Transformer
{
    public IndexToString(string? uid = null) : base(uid)
    {
        InputCol = SharedParams.InputCol(this);
        OutputCol = SharedParams.OutputCol(this);
        Labels = Declare<string[]>("labels", "labels by index (e.g. a StringIndexerModel's Labels)");
    }

    public Param<string> InputCol { get; }
    public Param<string> OutputCol { get; }
    public Param<string[]> Labels { get; }

    public IndexToString SetInputCol(string value) { Set(InputCol, value); return this; }
    public IndexToString SetOutputCol(string value) { Set(OutputCol, value); return this; }
    public IndexToString SetLabels(params string[] value) { Set(Labels, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        schema.RequireNumeric(Get(InputCol), "label indices");
        if (!IsDefined(Labels)) throw new ParamException("IndexToString needs its labels param set (for example from StringIndexerModel.Labels).");
        return ColumnAppender.Extend(schema, new StructField(Get(OutputCol), DataTypes.String));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var labels = Get(Labels);
        string input = Get(InputCol);
        int col = dataset.Schema.FieldIndex(input);
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputCol), DataTypes.String)], b =>
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
