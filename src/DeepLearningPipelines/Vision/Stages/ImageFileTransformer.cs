using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// Applies a user's model file to images named by a URI (path) column, as sparkdl's
/// <c>KerasImageFileTransformer</c>: <c>imageLoader</c> reads each path into pixels (default: decode the file),
/// then the model's resize and preprocessing are applied and the model's output (flattened) becomes a vector.
/// The loader is code, so it is not saved; a loaded stage uses the default loader until one is set. Outputs are cached
/// in the session's <see cref="FeatureCache"/>: with the default loader by the SHA-256 of each file's bytes, looked up
/// before the file is decoded.
/// </summary>
public sealed class ImageFileTransformer : Transformer
{
    public ImageFileTransformer(string? uid = null) : base(uid)
    {
        InputColParam = Declare<string>("inputCol", "input column of image paths or file URIs", "uri", ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "output vector column", "predictions", ParamValidators.NotEmpty());
        Image = new ImageStageParams(this, "bilinear");
        ImageLoaderParam = Declare<Func<string, ImageData>>("imageLoader", "reads one URI into pixels; default: read the file and decode it (JPEG, PNG, BMP)", savedInMetadata: false);
        OutputModeParam = Declare<string>("outputMode", "vector: the model output flattened into a vector", "vector", ParamValidators.InArray("vector"));
        UseCacheParam = Declare<bool>("useCache", "reuse outputs computed earlier for the same file bytes (default loader) or pixels (own loader), model and settings", true);
    }

    /// <summary>The params this stage shares with the other CNN stages (declared together, also available as flat properties).</summary>
    public ImageStageParams Image { get; }
    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<Func<string, ImageData>> ImageLoaderParam { get; }
    public Param<string> OutputModeParam { get; }
    public Param<bool> UseCacheParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public Func<string, ImageData>? ImageLoader { get => GetOrNull(ImageLoaderParam); set => SetOrClear(ImageLoaderParam, value); }
    public string OutputMode { get => Get(OutputModeParam); set => Set(OutputModeParam, value); }
    public bool UseCache { get => Get(UseCacheParam); set => Set(UseCacheParam, value); }

    public string ModelName { get => Get(Image.ModelName); set => Set(Image.ModelName, value); }
    public string ResizeMode { get => Get(Image.ResizeMode); set => Set(Image.ResizeMode, value); }
    public string Interpolation { get => Get(Image.Interpolation); set => Set(Image.Interpolation, value); }
    public int BatchSize { get => Get(Image.BatchSize); set => Set(Image.BatchSize, value); }
    public int InputSize { get => Get(Image.InputSize); set => Set(Image.InputSize, value); }
    public string Preprocessing { get => Get(Image.Preprocessing); set => Set(Image.Preprocessing, value); }
    public bool Bgr { get => Get(Image.Bgr); set => Set(Image.Bgr, value); }
    public string? Engine { get => GetOrNull(Image.Engine); set => SetOrClear(Image.Engine, value); }
    public string? Device { get => GetOrNull(Image.Device); set => SetOrClear(Image.Device, value); }

    public ImageFileTransformer SetInputCol(string value) { Set(InputColParam, value); return this; }
    public ImageFileTransformer SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public ImageFileTransformer SetModelFile(string value) { Set(Image.ModelName, value); return this; }
    public ImageFileTransformer SetImageLoader(Func<string, ImageData> value) { Set(ImageLoaderParam, value); return this; }
    public ImageFileTransformer SetInputSize(int value) { Set(Image.InputSize, value); return this; }
    public ImageFileTransformer SetPreprocessing(string value) { Set(Image.Preprocessing, value); return this; }
    public ImageFileTransformer SetBgr(bool value) { Set(Image.Bgr, value); return this; }
    public ImageFileTransformer SetBatchSize(int value) { Set(Image.BatchSize, value); return this; }
    public ImageFileTransformer SetEngine(string value) { Set(Image.Engine, value); return this; }
    public ImageFileTransformer SetDevice(string value) { Set(Image.Device, value); return this; }
    public ImageFileTransformer SetUseCache(bool value) { Set(UseCacheParam, value); return this; }

    /// <summary>The default loader: the file's bytes, decoded.</summary>
    public static ImageData DefaultLoader(string uri)
    {
        var (path, bytes) = ReadFile(uri);
        return ImageDecoder.Decode(bytes, path);
    }

    /// <summary>The path <paramref name="uri"/> names and the bytes of that file.</summary>
    private static (string Path, byte[] Bytes) ReadFile(string uri)
    {
        var path = uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(uri).LocalPath : uri;
        try { return (path, File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFormatException($"Cannot read image {path}: {e.Message}", e); }
    }

    /// <summary>
    /// The output cached for <paramref name="uri"/>, or its pixels and the key to cache their output under: with the
    /// default loader the key is the file's bytes, looked up before decoding; with <paramref name="loader"/> it is the pixels.
    /// </summary>
    private static (float[]? Hit, ImageData? Image, string? Key) Lookup(string uri, Func<string, ImageData>? loader, FeatureCache? cache, string setting)
    {
        if (loader is null)
        {
            var (path, bytes) = ReadFile(uri);
            string? fileKey = cache is null ? null : FeatureCache.FileKey(bytes, $"{setting}|{DecodeOptions.Default}");
            if (fileKey is not null && cache!.TryGet(fileKey, out var cached)) return (cached, null, null);
            return (null, ImageDecoder.Decode(bytes, path), fileKey);
        }
        var image = loader(uri);
        string? key = cache is null ? null : FeatureCache.Key(image, setting);
        return key is not null && cache!.TryGet(key, out var hit) ? (hit, null, null) : (null, image, key);
    }

    public override StructType TransformSchema(StructType schema)
    {
        Image.RequireEngineSupportsDevice(this);
        schema.Require(Get(InputColParam), DataTypes.String, "image paths");
        return ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, true));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var model = Image.Model(this, dataset.Session, withTop: false, featureLayer: null);
        var resize = Image.Resize(this, model.Spec);
        var loader = IsDefined(ImageLoaderParam) ? Get(ImageLoaderParam) : null;
        var cache = Get(UseCacheParam) ? FeatureCache.For(dataset.Session) : null;
        string setting = $"{model.Spec.CacheKey}|{resize}|flatten"; // as DeepImageFeaturizer's flattened features of the same model
        int batchSize = Get(Image.BatchSize), col = dataset.Schema.FieldIndex(Get(InputColParam));
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Vector, true)], b =>
        {
            var output = new object?[b.RowCount];
            var paths = b.Column<StringArray>(col);
            var rows = Enumerable.Range(0, b.RowCount).Where(r => !paths.IsNull(r)).ToArray();
            foreach (var chunk in rows.Chunk(batchSize))
            {
                var pending = new List<(int Row, ImageData Image, string? Key)>();
                foreach (int r in chunk)
                {
                    var (hit, image, key) = Lookup(paths.GetString(r), loader, cache, setting);
                    if (hit is not null) output[r] = DeepImageFeaturizer.ToVector(hit);
                    else pending.Add((r, image!, key));
                }
                var features = model.Features(pending.Select(p => p.Image).ToArray(), resize, flatten: true);
                for (int i = 0; i < pending.Count; i++)
                {
                    output[pending[i].Row] = DeepImageFeaturizer.ToVector(features[i]);
                    if (pending[i].Key is { } key) cache!.Add(key, features[i]);
                }
            }
            return ([output], null);
        }, "ImageFileTransformer");
    }

    public static ImageFileTransformer Load(string path) => Load<ImageFileTransformer>(path);
}
