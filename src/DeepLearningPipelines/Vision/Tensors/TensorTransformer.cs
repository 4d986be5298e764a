using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;

namespace DeepLearningPipelines.Vision.Tensors;

/// <summary>
/// Applies a model to columns of numbers, as sparkdl's <c>KerasTransformer</c>/<c>TFTransformer</c> and SynapseML's
/// <c>ONNXModel</c>: any model file (ONNX, TF.js <c>model.json</c>, Keras <c>.h5</c>) or zoo name; <see cref="FeedDict"/>
/// maps each model input to a column (<c>array&lt;float&gt;</c>, <c>array&lt;double&gt;</c> or vector, one row being one
/// sample flattened in C order), <see cref="FetchDict"/> maps model values to new columns; for a model with one input
/// and one output, <see cref="InputCol"/> and <see cref="OutputCol"/> name the columns alone, as sparkdl's
/// <c>KerasTransformer(inputCol, outputCol, modelFile)</c>. With <see cref="ScoresOutput"/>
/// the softmax and the arg-max of a class-score output are added as <c>probabilityCol</c> and <c>predictionCol</c>.
/// Rows go through the model <see cref="BatchSize"/> at a time; a row with a null input gets null outputs.
/// </summary>
public sealed class TensorTransformer : Transformer
{
    private static readonly (Func<IReadOnlyDictionary<string, string>, bool>, string) NamesOnly =
        (d => d.All(kv => !string.IsNullOrWhiteSpace(kv.Key) && !string.IsNullOrWhiteSpace(kv.Value)), "a map of non-empty names");

    public TensorTransformer(string? uid = null) : base(uid)
    {
        ModelNameParam = Declare<string>("modelName", "a zoo model (InceptionV3, MobileNet…) or the path of an ONNX, TF.js model.json or Keras .h5 file", default, ParamValidators.NotEmpty());
        FeedDictParam = Declare<IReadOnlyDictionary<string, string>>("feedDict", "model input → column (array<float>, array<double> or vector; one row is one sample, flattened in C order)", default, NamesOnly);
        FetchDictParam = Declare<IReadOnlyDictionary<string, string>>("fetchDict", "model output (or any value of an ONNX graph, any layer of a Keras model) → output column", new Dictionary<string, string>(), NamesOnly);
        InputColParam = Declare<string>("inputCol", "column fed to the model's only input (instead of feedDict)", default, ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "column for the model's only output (besides or instead of fetchDict)", default, ParamValidators.NotEmpty());
        OutputModeParam = Declare<string>("outputMode", "vector (a dense vector of doubles) or array (array<float>) for fetched outputs and probabilities", "vector", ParamValidators.InArray("vector", "array"));
        ScoresOutputParam = Declare<string>("scoresOutput", "a model output of class scores, one axis per row ([N,K]); when set, probabilityCol and predictionCol are added", default, ParamValidators.NotEmpty());
        SoftmaxParam = Declare<bool>("softmax", "probabilityCol is the softmax of the scores; false when the scores already are probabilities", true);
        ProbabilityColParam = Declare<string>("probabilityCol", "class probabilities column (with scoresOutput)", "probability", ParamValidators.NotEmpty());
        PredictionColParam = Declare<string>("predictionCol", "predicted class index column, the arg-max of the scores (with scoresOutput)", "prediction", ParamValidators.NotEmpty());
        BatchSizeParam = Declare<int>("batchSize", "rows per model run", 64, ParamValidators.Gt(0));
        EngineParam = Declare<string>("engine", "inference engine: onnxruntime or managed (unset: DLP_ENGINE, else onnxruntime)", default, ParamValidators.InArray([.. Engines.Names]));
        DeviceParam = Declare<string>("device", "device the engine runs on: cpu or cuda (onnxruntime engine with the Microsoft.ML.OnnxRuntime.Gpu.Linux package; unset: DLP_DEVICE, else cpu)",
            default, ParamValidators.InArray([.. Devices.Names]));
    }

    public Param<string> ModelNameParam { get; }
    public Param<IReadOnlyDictionary<string, string>> FeedDictParam { get; }
    public Param<IReadOnlyDictionary<string, string>> FetchDictParam { get; }
    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string> OutputModeParam { get; }
    public Param<string> ScoresOutputParam { get; }
    public Param<bool> SoftmaxParam { get; }
    public Param<string> ProbabilityColParam { get; }
    public Param<string> PredictionColParam { get; }
    public Param<int> BatchSizeParam { get; }
    public Param<string> EngineParam { get; }
    public Param<string> DeviceParam { get; }

    public string? ModelName { get => GetOrNull(ModelNameParam); set => SetOrClear(ModelNameParam, value); }
    public IReadOnlyDictionary<string, string>? FeedDict { get => GetOrNull(FeedDictParam); set => SetOrClear(FeedDictParam, value); }
    public IReadOnlyDictionary<string, string> FetchDict { get => Get(FetchDictParam); set => Set(FetchDictParam, value); }
    public string? InputCol { get => GetOrNull(InputColParam); set => SetOrClear(InputColParam, value); }
    public string? OutputCol { get => GetOrNull(OutputColParam); set => SetOrClear(OutputColParam, value); }
    public string OutputMode { get => Get(OutputModeParam); set => Set(OutputModeParam, value); }
    public string? ScoresOutput { get => GetOrNull(ScoresOutputParam); set => SetOrClear(ScoresOutputParam, value); }
    public bool Softmax { get => Get(SoftmaxParam); set => Set(SoftmaxParam, value); }
    public string ProbabilityCol { get => Get(ProbabilityColParam); set => Set(ProbabilityColParam, value); }
    public string PredictionCol { get => Get(PredictionColParam); set => Set(PredictionColParam, value); }
    public int BatchSize { get => Get(BatchSizeParam); set => Set(BatchSizeParam, value); }
    public string? Engine { get => GetOrNull(EngineParam); set => SetOrClear(EngineParam, value); }
    public string? Device { get => GetOrNull(DeviceParam); set => SetOrClear(DeviceParam, value); }

    public TensorTransformer SetModelName(string value) { Set(ModelNameParam, value); return this; }
    public TensorTransformer SetFeedDict(IReadOnlyDictionary<string, string> value) { Set(FeedDictParam, new Dictionary<string, string>(value)); return this; }
    public TensorTransformer SetFetchDict(IReadOnlyDictionary<string, string> value) { Set(FetchDictParam, new Dictionary<string, string>(value)); return this; }
    public TensorTransformer SetInputCol(string value) { Set(InputColParam, value); return this; }
    public TensorTransformer SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public TensorTransformer SetOutputMode(string value) { Set(OutputModeParam, value); return this; }
    public TensorTransformer SetScoresOutput(string value) { Set(ScoresOutputParam, value); return this; }
    public TensorTransformer SetSoftmax(bool value) { Set(SoftmaxParam, value); return this; }
    public TensorTransformer SetProbabilityCol(string value) { Set(ProbabilityColParam, value); return this; }
    public TensorTransformer SetPredictionCol(string value) { Set(PredictionColParam, value); return this; }
    public TensorTransformer SetBatchSize(int value) { Set(BatchSizeParam, value); return this; }
    public TensorTransformer SetEngine(string value) { Set(EngineParam, value); return this; }
    public TensorTransformer SetDevice(string value) { Set(DeviceParam, value); return this; }

    private string? Scores => IsDefined(ScoresOutputParam) ? Get(ScoresOutputParam) : null;

    private DataType TensorType => Get(OutputModeParam) == "array" ? DataTypes.ArrayOf(DataTypes.Float, false) : DataTypes.Vector;

    /// <summary>
    /// Checks the fed columns' types, then loads the model (in the active session) and checks that the feeds are
    /// exactly its inputs, that each input has fixed dimensions besides the batch, and that the fetched values exist.
    /// </summary>
    public override StructType TransformSchema(StructType schema)
    {
        var feeds = IsDefined(FeedDictParam) ? Get(FeedDictParam) : new Dictionary<string, string>();
        if (IsDefined(InputColParam))
        {
            if (feeds.Count > 0) throw new ParamException("Set inputCol (a model with one input) or feedDict (each input by name), not both.");
            feeds = new Dictionary<string, string> { ["input"] = Get(InputColParam) };
        }
        if (feeds.Count == 0)
            throw new ParamException("feedDict is empty and inputCol is not set: set inputCol for a model with one input, or map each model input to a column, e.g. SetFeedDict(new Dictionary<string, string> { [\"input\"] = \"features\" }).");
        if (Get(FetchDictParam).Count == 0 && Scores is null && !IsDefined(OutputColParam))
            throw new ParamException("fetchDict is empty and neither outputCol nor scoresOutput is set: name an output column (outputCol, for the model's only output) or map model outputs to columns.");
        foreach (var (input, column) in feeds)
        {
            var type = schema[column].DataType;
            if (!(type is VectorType || (type is ArrayType a && (a.ElementType == DataTypes.Float || a.ElementType == DataTypes.Double))))
                throw new SchemaException($"Column '{column}' feeds {(IsDefined(InputColParam) ? "the model's input" : $"model input '{input}'")}, so it must be array<float>, array<double> or vector, but was {type.SimpleString}.");
        }
        var (engine, device) = EngineAndDevice();
        Devices.RequireSupported(engine, device);
        Check(LoadModel(DlpSession.Active));
        return ColumnAppender.Extend(schema, OutputFields());
    }

    /// <summary>Checks the feeds, fetches and scores against <paramref name="model"/>; returns the model.</summary>
    private TensorModel Check(TensorModel model)
    {
        var feeds = Feeds(model);
        string inputs = string.Join(", ", model.Inputs.Select(i => $"'{i.Name}' {i.ShapeText}"));
        foreach (var input in feeds.Keys.Where(k => model.Inputs.All(i => i.Name != k)))
            throw new ParamException($"feedDict names '{input}', which is not an input of model {model.Name}; its inputs are {inputs}.");
        foreach (var input in model.Inputs)
        {
            if (!feeds.TryGetValue(input.Name, out var column))
                throw new ParamException($"Model {model.Name} input '{input.Name}' {input.ShapeText} is not fed: add it to feedDict (its inputs are {inputs}).");
            if (input.Shape.Length == 0 || input.Shape[1..].Any(d => d < 0))
                throw new SchemaException($"Model input '{input.Name}' fed by column '{column}' has shape {input.ShapeText}: expected a batch axis and fixed dimensions after it, e.g. [N,256].");
        }
        foreach (var value in Fetches(model).Keys.Append(Scores).OfType<string>().Where(v => model.RowShape(v) is null))
            throw new ParamException($"Model {model.Name} has no value '{value}' to fetch; its outputs include {string.Join(", ", model.Values.Take(10).Select(v => $"'{v}'"))}.");
        if (Scores is { } scores && model.RowShape(scores) is { Length: not 1 } shape)
            throw new SchemaException($"scoresOutput '{scores}' has rows of shape {Tensor.Format(shape)}; class scores need one axis per row ([N,K]).");
        return model;
    }

    /// <summary>Model input → column: <see cref="FeedDict"/>, or the model's only input fed by <see cref="InputCol"/>.</summary>
    private IReadOnlyDictionary<string, string> Feeds(TensorModel model)
    {
        if (!IsDefined(InputColParam)) return Get(FeedDictParam);
        if (model.Inputs.Count != 1)
            throw new ParamException($"inputCol feeds a model's only input, but model {model.Name} has {model.Inputs.Count} inputs ({string.Join(", ", model.Inputs.Select(i => $"'{i.Name}'"))}): map each to a column with feedDict.");
        return new Dictionary<string, string> { [model.Inputs[0].Name] = Get(InputColParam) };
    }

    /// <summary>Model value → column: <see cref="FetchDict"/>, then the model's only output to <see cref="OutputCol"/> when set.</summary>
    private List<KeyValuePair<string, string>> FetchList(TensorModel model)
    {
        var fetches = Get(FetchDictParam).ToList();
        if (!IsDefined(OutputColParam)) return fetches;
        if (model.Outputs.Count != 1)
            throw new ParamException($"outputCol receives a model's only output, but model {model.Name} has {model.Outputs.Count} outputs ({string.Join(", ", model.Outputs.Select(o => $"'{o.Name}'"))}): map each to a column with fetchDict.");
        fetches.Add(new(model.Outputs[0].Name, Get(OutputColParam)));
        return fetches;
    }

    private Dictionary<string, string> Fetches(TensorModel model) => FetchList(model).DistinctBy(kv => kv.Key).ToDictionary();

    /// <summary>The fetched columns (fetchDict's, then outputCol) and, with scores, the probability and prediction columns.</summary>
    private StructField[] OutputFields() =>
        [
            .. Get(FetchDictParam).Values.Append(IsDefined(OutputColParam) ? Get(OutputColParam) : null).OfType<string>().Select(column => new StructField(column, TensorType, true)),
            .. Scores is null ? [] : new[] { new StructField(Get(ProbabilityColParam), TensorType, true), new StructField(Get(PredictionColParam), DataTypes.Double, true) },
        ];

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var model = Check(LoadModel(dataset.Session));
        var feeds = Feeds(model).Select(kv =>
        {
            var shape = model.Inputs.Single(i => i.Name == kv.Key).Shape[1..];
            return (Input: kv.Key, Column: kv.Value, Index: dataset.Schema.FieldIndex(kv.Value), RowShape: shape, Size: Tensor.ElementCount(shape));
        }).ToArray();
        var fetches = FetchList(model).Select(kv => kv.Key).ToArray();
        string? scores = Scores;
        string[] outputs = [.. fetches.Append(scores).OfType<string>().Distinct()];
        bool arrays = Get(OutputModeParam) == "array", softmax = Get(SoftmaxParam);
        int batchSize = Get(BatchSizeParam);
        var fields = OutputFields();
        return ColumnAppender.Append(dataset, fields, b =>
        {
            var columns = feeds.Select(f => new TensorColumn(b.Column(f.Index), f.Column)).ToArray();
            var result = fields.Select(_ => new object?[b.RowCount]).ToArray();
            var rows = Enumerable.Range(0, b.RowCount).Where(r => columns.All(c => !c.IsNull(r))).ToArray();
            foreach (var chunk in rows.Chunk(batchSize))
            {
                var values = Run(model, feeds.Select((f, k) => (f.Input, f.Column, f.RowShape, f.Size, columns[k])).ToArray(), chunk, outputs);
                try
                {
                    for (int k = 0; k < fetches.Length; k++) Write(values[fetches[k]], chunk, result[k], p => ToValue(p, arrays));
                    if (scores is not null)
                    {
                        Write(values[scores], chunk, result[fetches.Length], p => ToValue(softmax ? SoftmaxOf(p) : p, arrays));
                        Write(values[scores], chunk, result[fetches.Length + 1], p => (double)ArgMax(p));
                    }
                }
                finally
                {
                    foreach (var tensor in values.Values) tensor.Dispose();
                }
            }
            return (result, null);
        }, "TensorTransformer");
    }

    /// <summary>Runs the rows <paramref name="chunk"/> of the fed columns through the model as one batch.</summary>
    private static Dictionary<string, Tensor> Run(TensorModel model, (string Input, string Column, int[] RowShape, int Size, TensorColumn Values)[] feeds, int[] chunk, string[] outputs)
    {
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var feed in feeds)
            {
                var tensor = new Tensor([chunk.Length, .. feed.RowShape]);
                inputs[feed.Input] = tensor;
                for (int i = 0; i < chunk.Length; i++)
                {
                    int length = feed.Values.Length(chunk[i]);
                    if (length != feed.Size)
                        throw new DataFormatException($"Column '{feed.Column}' has {length} values in row {chunk[i]} of its batch, but model input '{feed.Input}' takes rows of shape {Tensor.Format(feed.RowShape)} ({feed.Size} values).");
                    feed.Values.CopyTo(chunk[i], inputs[feed.Input].Span.Slice(i * feed.Size, feed.Size));
                }
            }
            return model.Run(inputs, outputs);
        }
        finally
        {
            foreach (var tensor in inputs.Values) tensor.Dispose();
        }
    }

    /// <summary>Splits <paramref name="output"/> into its rows and stores each, converted by <paramref name="convert"/>, at its row of <paramref name="target"/>.</summary>
    private static void Write(Tensor output, int[] chunk, object?[] target, Func<float[], object> convert)
    {
        int size = output.Length / chunk.Length;
        for (int i = 0; i < chunk.Length; i++) target[chunk[i]] = convert(output.Span.Slice(i * size, size).ToArray());
    }

    private static object ToValue(float[] values, bool arrays) => arrays ? values : new DenseVector(Array.ConvertAll(values, v => (double)v));

    /// <summary>The softmax of <paramref name="scores"/>, computed in double precision after subtracting the maximum.</summary>
    internal static float[] SoftmaxOf(float[] scores)
    {
        double max = scores.Max(), sum = scores.Sum(s => Math.Exp(s - max));
        return Array.ConvertAll(scores, s => (float)(Math.Exp(s - max) / sum));
    }

    /// <summary>The index of the largest score; the lowest index among equal ones.</summary>
    internal static int ArgMax(float[] scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        return best;
    }

    /// <summary>
    /// Loads (or reuses) the model these params name in <paramref name="session"/>, its graph returning the fetched
    /// values; call it to validate the model before reading any data.
    /// </summary>
    public TensorModel LoadModel(DlpSession session)
    {
        var (engine, device) = EngineAndDevice();
        string[] layers = [.. Get(FetchDictParam).Keys.Append(Scores).OfType<string>().Distinct()];
        return TensorModels.Get(session, Get(ModelNameParam), layers, engine, device);
    }

    private (Nn.Execution.Engine? Engine, string Device) EngineAndDevice() => (
        IsDefined(EngineParam) ? Engines.Parse(Get(EngineParam)) : null,
        IsDefined(DeviceParam) ? Devices.Parse(Get(DeviceParam)) : Devices.Default);

    public static TensorTransformer Load(string path) => Load<TensorTransformer>(path);
}
