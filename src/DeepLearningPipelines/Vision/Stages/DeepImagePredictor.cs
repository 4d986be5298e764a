using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// Applies a pretrained ImageNet classifier to an image column, as sparkdl's <c>DeepImagePredictor</c>: the output is
/// the probability vector, or with <c>decodePredictions</c> the <c>topK</c> (class, description, probability) structs.
/// Probabilities are cached in the session's <see cref="FeatureCache"/> as the featurizer's features are.
/// </summary>
public sealed class DeepImagePredictor : ImageModelTransformer
{
    /// <summary>The struct of one decoded prediction.</summary>
    public static readonly StructType PredictionType = new(
        new StructField("class", DataTypes.String, false), new StructField("description", DataTypes.String, false), new StructField("probability", DataTypes.Float, false));

    /// <summary>The weights recorded when this stage was saved, checked when its model is loaded; null for a new stage.</summary>
    private SavedWeights? _savedWeights;

    public DeepImagePredictor(string? uid = null) : base(uid, "bilinear")
    {
        InputColParam = Declare<string>("inputCol", "input image column (Spark's image struct)", "image", ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "output column", "predicted_labels", ParamValidators.NotEmpty());
        DecodePredictionsParam = Declare<bool>("decodePredictions", "output the top classes as (class, description, probability) instead of the probability vector", false);
        TopKParam = Declare<int>("topK", "number of classes to keep when decodePredictions is true", 5, ParamValidators.Gt(0));
        UseCacheParam = Declare<bool>("useCache", "reuse probabilities computed earlier for the same image content, model and settings", true);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<bool> DecodePredictionsParam { get; }
    public Param<int> TopKParam { get; }
    public Param<bool> UseCacheParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public bool DecodePredictions { get => Get(DecodePredictionsParam); set => Set(DecodePredictionsParam, value); }
    public int TopK { get => Get(TopKParam); set => Set(TopKParam, value); }
    public bool UseCache { get => Get(UseCacheParam); set => Set(UseCacheParam, value); }

    public DeepImagePredictor SetInputCol(string value) { Set(InputColParam, value); return this; }
    public DeepImagePredictor SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public DeepImagePredictor SetModelName(string value) { Set(Image.ModelName, value); return this; }
    public DeepImagePredictor SetDecodePredictions(bool value) { Set(DecodePredictionsParam, value); return this; }
    public DeepImagePredictor SetTopK(int value) { Set(TopKParam, value); return this; }
    public DeepImagePredictor SetResizeMode(string value) { Set(Image.ResizeMode, value); return this; }
    public DeepImagePredictor SetInterpolation(string value) { Set(Image.Interpolation, value); return this; }
    public DeepImagePredictor SetBatchSize(int value) { Set(Image.BatchSize, value); return this; }
    public DeepImagePredictor SetEngine(string value) { Set(Image.Engine, value); return this; }
    public DeepImagePredictor SetDevice(string value) { Set(Image.Device, value); return this; }
    public DeepImagePredictor SetUseCache(bool value) { Set(UseCacheParam, value); return this; }
    public DeepImagePredictor SetInputSize(int value) { Set(Image.InputSize, value); return this; }
    public DeepImagePredictor SetPreprocessing(string value) { Set(Image.Preprocessing, value); return this; }
    public DeepImagePredictor SetBgr(bool value) { Set(Image.Bgr, value); return this; }

    private DataType OutputType => Get(DecodePredictionsParam) ? DataTypes.ArrayOf(PredictionType, false) : DataTypes.Vector;

    public override StructType TransformSchema(StructType schema)
    {
        Image.RequireEngineSupportsDevice(this);
        ImageStageParams.RequireImageColumn(schema, Get(InputColParam));
        var output = ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), OutputType, true));
        LoadModel(DlpSession.Active);
        return output;
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var model = LoadModel(dataset.Session);
        var resize = Image.Resize(this, model.Spec);
        bool decode = Get(DecodePredictionsParam);
        int topK = Get(TopKParam), batchSize = Get(Image.BatchSize);
        var cache = Get(UseCacheParam) ? FeatureCache.For(dataset.Session) : null;
        string setting = CacheSetting(model, resize);
        int col = dataset.Schema.FieldIndex(Get(InputColParam));
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), OutputType, true)], b =>
        {
            var output = new object?[b.RowCount];
            var images = new ImageColumn(b.Column(col), Get(InputColParam));
            var pending = new List<(int Row, ImageData Image, string? Key)>();
            for (int r = 0; r < b.RowCount; r++)
            {
                if (images.IsNull(r)) continue;
                var pixels = images.Image(r);
                string? key = cache is null ? null : FeatureCache.Key(pixels, setting);
                if (key is not null && cache!.TryGet(key, out var hit)) output[r] = ToValue(hit, decode, topK);
                else pending.Add((r, pixels, key));
            }
            foreach (var chunk in pending.Chunk(batchSize))
            {
                var probabilities = model.Probabilities(chunk.Select(p => p.Image).ToArray(), resize);
                for (int i = 0; i < chunk.Length; i++)
                {
                    output[chunk[i].Row] = ToValue(probabilities[i], decode, topK);
                    if (chunk[i].Key is { } key) cache!.Add(key, probabilities[i]);
                }
            }
            return ([output], null);
        }, "DeepImagePredictor");
    }

    /// <summary>
    /// Predictions for the image files <paramref name="paths"/> name (files or folders, listed and read as
    /// <see cref="ImageSource.ReadImages(DlpSession, IReadOnlyList{string}, ImageReadOptions?)"/> with <paramref name="options"/>),
    /// without keeping their pixels: one row per file with <c>origin</c> (its path), the output column, and <c>label</c>
    /// with <see cref="ImageReadOptions.LabelFromFolder"/>. With <see cref="UseCache"/> each file is looked up by the
    /// SHA-256 of its bytes before it is decoded, so a file classified before is read and hashed but not decoded; with
    /// <see cref="FeatureCache.Folder"/> set, that holds across processes.
    /// </summary>
    public DataFrame TransformFiles(DlpSession session, IReadOnlyList<string> paths, ImageReadOptions? options = null)
    {
        var model = LoadModel(session);
        var resize = Image.Resize(this, model.Spec);
        bool decode = Get(DecodePredictionsParam);
        int topK = Get(TopKParam);
        return CachedFileScan.Read(session, paths, options ?? new ImageReadOptions(), Get(UseCacheParam) ? FeatureCache.For(session) : null,
            CacheSetting(model, resize), Get(Image.BatchSize), new StructField(Get(OutputColParam), OutputType, true),
            images => model.Probabilities(images, resize), p => ToValue(p, decode, topK));
    }

    /// <summary>What fixes the probabilities besides the image: the model's weights, input and output, and the resize.</summary>
    private static string CacheSetting(ImageModel model, ResizeOptions resize) => $"{model.Spec.CacheKey}|{resize}|probabilities {model.Spec.ProbabilitiesValue}";

    private static object ToValue(float[] probabilities, bool decode, int topK) =>
        decode ? Decode(probabilities, topK) : new DenseVector(Array.ConvertAll(probabilities, p => (double)p));

    /// <summary>The <paramref name="topK"/> most probable ImageNet classes, most probable first (ties: lower index first).</summary>
    public static Row[] Decode(float[] probabilities, int topK)
    {
        if (probabilities.Length != ImageNetLabels.All.Count)
            throw new DlpException($"decodePredictions needs 1000 ImageNet probabilities but the model gives {probabilities.Length}; set decodePredictions to false.");
        return Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(topK)
            .Select(i => new Row(PredictionType, ImageNetLabels.All[i].Id, ImageNetLabels.All[i].Description, probabilities[i])).ToArray();
    }

    /// <summary>
    /// Loads (or reuses) the classifier these params name in <paramref name="session"/>; call it to validate the params
    /// before reading any image. Fails when the model has no ImageNet classifier (a zoo backbone without its top, or with
    /// <see cref="DecodePredictions"/> a model whose output is not the 1000 ImageNet classes).
    /// </summary>
    public ImageModel LoadModel(DlpSession session)
    {
        ImageNetClassifier.RequireTopWeights(ImageModels.For(session).Registry, Get(Image.ModelName));
        var model = Image.Model(this, session, withTop: true, featureLayer: null);
        if (Get(DecodePredictionsParam)) ImageNetClassifier.RequireClasses(model);
        _savedWeights?.Check(model, Get(Image.ModelName), $"DeepImagePredictor {Uid}");
        return model;
    }

    /// <summary>Records the model name and the SHA-256 of its weights (with the top), as the active session resolves them.</summary>
    protected internal override void SaveData(string directory) => SavedWeights.Of(DlpSession.Active, Get(Image.ModelName), withTop: true).Write(directory);

    /// <summary>Reads the recorded weights and refuses weights that changed since the save.</summary>
    protected internal override void LoadData(string directory) =>
        _savedWeights = SavedWeights.ReadAndCheck(directory, DlpSession.Active, withTop: true, $"DeepImagePredictor {Uid}");

    public static DeepImagePredictor Load(string path) => Load<DeepImagePredictor>(path);
}
