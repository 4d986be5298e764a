using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// Turns an image column into CNN feature vectors, as sparkdl's <c>DeepImageFeaturizer</c> — but batched, on all
/// cores, cached, savable, and with small pooled features by default: InceptionV3 gives the 2048 averages of
/// <c>mixed10</c>; <c>pooling = "flatten"</c> gives sparkdl's 8·8·2048 = 131,072 values (channels-last order).
/// </summary>
public sealed class DeepImageFeaturizer : ImageModelTransformer
{
    /// <summary>The weights recorded when this stage was saved, checked when its model is loaded; null for a new stage.</summary>
    private SavedWeights? _savedWeights;

    public DeepImageFeaturizer(string? uid = null) : base(uid, "area")
    {
        InputColParam = Declare<string>("inputCol", "input image column (Spark's image struct)", "image", ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "output feature vector column", "features", ParamValidators.NotEmpty());
        FeatureLayerParam = Declare<string>("featureLayer", "layer (Keras) or value (ONNX) whose output is the feature; default: the model's feature layer");
        PoolingParam = Declare<string>("pooling", "avg (global average pooling) or flatten (sparkdl's layout)", "avg", ParamValidators.InArray("avg", "flatten"));
        UseCacheParam = Declare<bool>("useCache", "reuse features computed earlier for the same image content and settings", true);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string> FeatureLayerParam { get; }
    public Param<string> PoolingParam { get; }
    public Param<bool> UseCacheParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public string? FeatureLayer { get => GetOrNull(FeatureLayerParam); set => SetOrClear(FeatureLayerParam, value); }
    public string Pooling { get => Get(PoolingParam); set => Set(PoolingParam, value); }
    public bool UseCache { get => Get(UseCacheParam); set => Set(UseCacheParam, value); }

    public DeepImageFeaturizer SetInputCol(string value) { Set(InputColParam, value); return this; }
    public DeepImageFeaturizer SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public DeepImageFeaturizer SetModelName(string value) { Set(Image.ModelName, value); return this; }
    public DeepImageFeaturizer SetFeatureLayer(string value) { Set(FeatureLayerParam, value); return this; }
    public DeepImageFeaturizer SetPooling(string value) { Set(PoolingParam, value); return this; }
    public DeepImageFeaturizer SetResizeMode(string value) { Set(Image.ResizeMode, value); return this; }
    public DeepImageFeaturizer SetInterpolation(string value) { Set(Image.Interpolation, value); return this; }
    public DeepImageFeaturizer SetBatchSize(int value) { Set(Image.BatchSize, value); return this; }
    public DeepImageFeaturizer SetEngine(string value) { Set(Image.Engine, value); return this; }
    public DeepImageFeaturizer SetDevice(string value) { Set(Image.Device, value); return this; }
    public DeepImageFeaturizer SetUseCache(bool value) { Set(UseCacheParam, value); return this; }
    public DeepImageFeaturizer SetInputSize(int value) { Set(Image.InputSize, value); return this; }
    public DeepImageFeaturizer SetPreprocessing(string value) { Set(Image.Preprocessing, value); return this; }
    public DeepImageFeaturizer SetBgr(bool value) { Set(Image.Bgr, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        Image.RequireEngineSupportsDevice(this);
        ImageStageParams.RequireImageColumn(schema, Get(InputColParam));
        return ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, true));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var model = LoadModel(dataset.Session);
        var resize = Image.Resize(this, model.Spec);
        bool flatten = Get(PoolingParam) == "flatten";
        var cache = Get(UseCacheParam) ? FeatureCache.For(dataset.Session) : null;
        int batchSize = Get(Image.BatchSize);
        string setting = CacheSetting(model, resize);
        int col = dataset.Schema.FieldIndex(Get(InputColParam));
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Vector, true)], b =>
        {
            var output = new object?[b.RowCount];
            var pending = new List<(int Row, ImageData Image, string? Key)>();
            var images = new ImageColumn(b.Column(col), Get(InputColParam));
            for (int r = 0; r < b.RowCount; r++)
            {
                if (images.IsNull(r)) continue;
                var pixels = images.Image(r);
                string? key = cache is null ? null : FeatureCache.Key(pixels, setting);
                if (key is not null && cache!.TryGet(key, out var hit)) output[r] = ToVector(hit);
                else pending.Add((r, pixels, key));
            }
            foreach (var chunk in pending.Chunk(batchSize))
            {
                var features = model.Features(chunk.Select(p => p.Image).ToArray(), resize, flatten);
                for (int i = 0; i < chunk.Length; i++)
                {
                    output[chunk[i].Row] = ToVector(features[i]);
                    if (chunk[i].Key is { } key) cache!.Add(key, features[i]);
                }
            }
            return ([output], null);
        }, "DeepImageFeaturizer");
    }

    /// <summary>
    /// Loads (or reuses) the model these params name in <paramref name="session"/>; fails, naming the valid layers,
    /// when the feature layer does not exist. Call it to validate the params before reading any image.
    /// </summary>
    public ImageModel LoadModel(DlpSession session)
    {
        var model = Image.Model(this, session, withTop: false, IsDefined(FeatureLayerParam) ? Get(FeatureLayerParam) : null);
        _savedWeights?.Check(model, Get(Image.ModelName), $"DeepImageFeaturizer {Uid}");
        return model;
    }

    /// <summary>Records the model name and the SHA-256 of its weights, as the active session resolves them.</summary>
    protected internal override void SaveData(string directory) => SavedWeights.Of(DlpSession.Active, Get(Image.ModelName), withTop: false).Write(directory);

    /// <summary>Reads the recorded weights and refuses weights that changed since the save.</summary>
    protected internal override void LoadData(string directory) =>
        _savedWeights = SavedWeights.ReadAndCheck(directory, DlpSession.Active, withTop: false, $"DeepImageFeaturizer {Uid}");

    /// <summary>
    /// Features of the image files <paramref name="paths"/> name (files or folders, listed and read as
    /// <see cref="ImageSource.ReadImages(DlpSession, IReadOnlyList{string}, ImageReadOptions?)"/> with <paramref name="options"/>),
    /// without keeping their pixels: one row per file with <c>origin</c> (its path), the output column, and <c>label</c>
    /// with <see cref="ImageReadOptions.LabelFromFolder"/>. With <see cref="UseCache"/> each file is looked up by the
    /// SHA-256 of its bytes before it is decoded, so a file featurized before is read and hashed but not decoded; with
    /// <see cref="FeatureCache.Folder"/> set, that holds across processes.
    /// </summary>
    public DataFrame TransformFiles(DlpSession session, IReadOnlyList<string> paths, ImageReadOptions? options = null)
    {
        var model = LoadModel(session);
        var resize = Image.Resize(this, model.Spec);
        bool flatten = Get(PoolingParam) == "flatten";
        return CachedFileScan.Read(session, paths, options ?? new ImageReadOptions(), Get(UseCacheParam) ? FeatureCache.For(session) : null,
            CacheSetting(model, resize), Get(Image.BatchSize), new StructField(Get(OutputColParam), DataTypes.Vector, true),
            images => model.Features(images, resize, flatten), ToVector);
    }

    /// <summary>The part of a cache key these params and <paramref name="model"/> fix: weights, layer, preprocessing, resize, pooling.</summary>
    internal string CacheSetting(ImageModel model, ResizeOptions resize) => $"{model.Spec.CacheKey}|{resize}|{Get(PoolingParam)}";

    internal static DenseVector ToVector(float[] features) => new(Array.ConvertAll(features, f => (double)f));

    public static DeepImageFeaturizer Load(string path) => Load<DeepImageFeaturizer>(path);
}
