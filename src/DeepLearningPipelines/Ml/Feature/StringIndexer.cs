using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>
/// Maps a string (or numeric) column to label indices 0..n-1, as Spark's <c>StringIndexer</c>: by default the most
/// frequent label gets 0 (ties broken alphabetically). Numeric inputs are indexed by their string form.
/// </summary>
public sealed class StringIndexer : Estimator<StringIndexerModel>
{
    public StringIndexer(string? uid = null) : base(uid)
    {
        (InputColParam, OutputColParam, HandleInvalidParam) = StringIndexerModel.DeclareParams(this);
        StringOrderTypeParam = Declare<string>("stringOrderType", "how to order labels: frequencyDesc, frequencyAsc, alphabetDesc, alphabetAsc",
            "frequencyDesc", ParamValidators.InArray("frequencyDesc", "frequencyAsc", "alphabetDesc", "alphabetAsc"));
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string> HandleInvalidParam { get; }
    public Param<string> StringOrderTypeParam { get; }

    public string? InputCol { get => GetOrNull(InputColParam); set => SetOrClear(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public string HandleInvalid { get => Get(HandleInvalidParam); set => Set(HandleInvalidParam, value); }
    public string StringOrderType { get => Get(StringOrderTypeParam); set => Set(StringOrderTypeParam, value); }

    public StringIndexer SetInputCol(string value) { Set(InputColParam, value); return this; }
    public StringIndexer SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public StringIndexer SetHandleInvalid(string value) { Set(HandleInvalidParam, value); return this; }
    public StringIndexer SetStringOrderType(string value) { Set(StringOrderTypeParam, value); return this; }

    public override StructType TransformSchema(StructType schema) => StringIndexerModel.ValidateAndExtend(schema, Get(InputColParam), Get(OutputColParam));

    protected override Model FitImpl(DataFrame dataset)
    {
        int col = dataset.Schema.FieldIndex(Get(InputColParam));
        var counts = dataset.Aggregate(
            () => new Dictionary<string, long>(StringComparer.Ordinal),
            (acc, b) =>
            {
                foreach (var v in b.ColumnValues(col)) if (v is not null) { var s = ValueFormat.Plain(v); acc[s] = acc.GetValueOrDefault(s) + 1; }
                return acc;
            },
            (a, b) => { foreach (var (k, v) in b) a[k] = a.GetValueOrDefault(k) + v; return a; });
        var ordered = Get(StringOrderTypeParam).ToLowerInvariant() switch
        {
            "frequencydesc" => counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal),
            "frequencyasc" => counts.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal),
            "alphabetdesc" => counts.OrderByDescending(kv => kv.Key, StringComparer.Ordinal),
            _ => counts.OrderBy(kv => kv.Key, StringComparer.Ordinal),
        };
        var model = new StringIndexerModel(Uid) { Labels = ordered.Select(kv => kv.Key).ToArray() };
        CopyValuesTo(model);
        return model;
    }

    public static StringIndexer Load(string path) => Load<StringIndexer>(path);
}

/// <summary>A fitted <see cref="StringIndexer"/>: <see cref="Labels"/>[i] is the label with index i.</summary>
public sealed class StringIndexerModel : Model
{
    public StringIndexerModel(string? uid = null) : base(uid)
    {
        (InputColParam, OutputColParam, HandleInvalidParam) = StringIndexerModel.DeclareParams(this);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string> HandleInvalidParam { get; }

    public string? InputCol { get => GetOrNull(InputColParam); set => SetOrClear(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public string HandleInvalid { get => Get(HandleInvalidParam); set => Set(HandleInvalidParam, value); }

    public StringIndexerModel SetInputCol(string value) { Set(InputColParam, value); return this; }
    public StringIndexerModel SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public StringIndexerModel SetHandleInvalid(string value) { Set(HandleInvalidParam, value); return this; }

    /// <summary>The labels by index.</summary>
    public string[] Labels { get; internal set; } = [];

    /// <summary>Declares the params the indexer and its model share on <paramref name="owner"/>.</summary>
    internal static (Param<string>, Param<string>, Param<string>) DeclareParams(Params owner) => (
        SharedParams.InputCol(owner),
        SharedParams.OutputCol(owner),
        SharedParams.HandleInvalid(owner, "error", "error", "skip", "keep"));

    internal static StructType ValidateAndExtend(StructType schema, string input, string output)
    {
        var t = schema[input].DataType;
        if (t != DataTypes.String && !t.IsNumeric && t != DataTypes.Boolean)
            throw new SchemaException($"StringIndexer input column '{input}' must be string or numeric but was {t.SimpleString}.");
        return ColumnAppender.Extend(schema, new StructField(output, DataTypes.Double, false));
    }

    public override StructType TransformSchema(StructType schema) => ValidateAndExtend(schema, Get(InputColParam), Get(OutputColParam));

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var index = Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => (double)x.i, StringComparer.Ordinal);
        var mode = Get(HandleInvalidParam).ToLowerInvariant();
        string input = Get(InputColParam);
        int col = dataset.Schema.FieldIndex(input);
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Double, false)], b =>
        {
            var output = new object?[b.RowCount];
            var keep = mode == "skip" ? new bool[b.RowCount] : null;
            for (int r = 0; r < b.RowCount; r++)
            {
                var v = b.GetValue(col, r);
                if (v is not null && index.TryGetValue(ValueFormat.Plain(v), out var idx)) { output[r] = idx; if (keep is not null) keep[r] = true; continue; }
                if (mode == "error")
                    throw new DataFormatException(v is null
                        ? $"StringIndexer encountered a null value in column '{input}'. To handle it, set handleInvalid to \"skip\" or \"keep\"."
                        : $"Unseen label '{MessageText.Escape(ValueFormat.Plain(v), 60)}' in column '{input}'{RowDetails.Of(b, r, null)}. To handle unseen labels, set handleInvalid to \"skip\" or \"keep\".");
                output[r] = (double)Labels.Length;
            }
            return ([output], keep);
        }, "StringIndexerModel");
    }

    protected internal override void SaveData(string directory) => Persistence.ModelData.Write(directory, Labels);
    protected internal override void LoadData(string directory)
    {
        var labels = Persistence.ModelData.Read<string[]>(directory);
        if (labels.Any(l => l is null)) throw new PersistenceException($"StringIndexerModel data in {directory} holds a null label.");
        var duplicate = labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new PersistenceException($"StringIndexerModel data in {directory} lists label '{duplicate.Key}' more than once.");
        Labels = labels;
    }

    public static StringIndexerModel Load(string path) => Load<StringIndexerModel>(path);
}
