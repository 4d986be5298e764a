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
/// then the model's resize and preprocessing are applied and the model's output (or <c>featureLayer</c>'s, flattened or
/// average-pooled as <c>pooling</c> says) becomes a vector. As in sparkdl, the loader may instead return the model's
/// input for one image, already resized and preprocessed (<see cref="SetImageLoader(Func{string, float[]})"/>): it is
/// fed as it is. Loaders are code, so they are not saved; a loaded stage uses the default loader until one is set. Outputs are cached
/// in the session's <see cref="FeatureCache"/>: with the default loader by the SHA-256 of each file's bytes, looked up
/// before the file is decoded.
/// </summary>
public sealed class ImageFileTransformer : ImageModelTransformer
{
    public ImageFileTransformer(string? uid = null) : base(uid, "bilinear")
    {
        InputColParam = Declare<string>("inputCol", "input column of image paths or file URIs", "uri", ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "output vector column", "predictions", ParamValidators.NotEmpty());
        ImageLoaderParam = Declare<Func<string, ImageData>>("imageLoader", "reads one URI into pixels; default: read the file and decode it (JPEG, PNG, BMP)", savedInMetadata: false);
        ArrayLoaderParam = Declare<Func<string, float[]>>("arrayLoader", "reads one URI into the model's input for one image, already resized and preprocessed (height·width·3 values in the model's layout), fed without a second resize; instead of imageLoader", savedInMetadata: false);
        FeatureLayerParam = Declare<string>("featureLayer", "layer (Keras) or value (ONNX) whose output is returned; default: the model's output");
        PoolingParam = Declare<string>("pooling", "flatten (sparkdl's layout) or avg (global average pooling of a spatial output)", "flatten", ParamValidators.InArray("flatten", "avg"));
        OutputModeParam = Declare<string>("outputMode", "vector: the model output flattened into a vector", "vector", ParamValidators.InArray("vector"));
        UseCacheParam = Declare<bool>("useCache", "reuse outputs computed earlier for the same file bytes (default loader) or pixels (own loader), model and settings", true);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<Func<string, ImageData>> ImageLoaderParam { get; }
    public Param<Func<string, float[]>> ArrayLoaderParam { get; }
    public Param<string> FeatureLayerParam { get; }
    public Param<string> PoolingParam { get; }
    public Param<string> OutputModeParam { get; }
    public Param<bool> UseCacheParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public Func<string, ImageData>? ImageLoader { get => GetOrNull(ImageLoaderParam); set => SetOrClear(ImageLoaderParam, value); }
    public Func<string, float[]>? ArrayLoader { get => GetOrNull(ArrayLoaderParam); set => SetOrClear(ArrayLoaderParam, value); }
    public string? FeatureLayer { get => GetOrNull(FeatureLayerParam); set => SetOrClear(FeatureLayerParam, value); }
    public string Pooling { get => Get(PoolingParam); set => Set(PoolingParam, value); }
    public string OutputMode { get => Get(OutputModeParam); set => Set(OutputModeParam, value); }
    public bool UseCache { get => Get(UseCacheParam); set => Set(UseCacheParam, value); }

    public ImageFileTransformer SetInputCol(string value) { Set(InputColParam, value); return this; }
    public ImageFileTransformer SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public ImageFileTransformer SetModelFile(string value) { Set(Image.ModelName, value); return this; }
    public ImageFileTransformer SetImageLoader(Func<string, ImageData> value) { Set(ImageLoaderParam, value); return this; }

    /// <summary>Sets <see cref="ArrayLoader"/>: a loader that returns the model's input for one image, already resized and preprocessed.</summary>
    public ImageFileTransformer SetImageLoader(Func<string, float[]> value) { Set(ArrayLoaderParam, value); return this; }
    public ImageFileTransformer SetFeatureLayer(string value) { Set(FeatureLayerParam, value); return this; }
    public ImageFileTransformer SetPooling(string value) { Set(PoolingParam, value); return this; }
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
    private static (float[]? Hit, ImageData? Image, float[]? Input, string? Key) Lookup(string uri, Func<string, ImageData>? loader, FeatureCache? cache, string setting)
    {
        if (loader is null)
        {
            var (path, bytes) = ReadFile(uri);
            string? fileKey = cache is null ? null : FeatureCache.FileKey(bytes, $"{setting}|{DecodeOptions.Default}");
            if (fileKey is not null && cache!.TryGet(fileKey, out var cached)) return (cached, null, null, null);
            return (null, ImageDecoder.Decode(bytes, path), null, fileKey);
        }
        var image = loader(uri);
        string? key = cache is null ? null : FeatureCache.Key(image, setting);
        return key is not null && cache!.TryGet(key, out var hit) ? (hit, null, null, null) : (null, image, null, key);
    }

    public override StructType TransformSchema(StructType schema)
    {
        Image.RequireEngineSupportsDevice(this);
        if (IsDefined(ImageLoaderParam) && IsDefined(ArrayLoaderParam))
            throw new ParamException("Both imageLoader (pixels) and arrayLoader (preprocessed model input) are set; set one of them.");
        schema.Require(Get(InputColParam), DataTypes.String, "image paths");
        return ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, true));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var model = Image.Model(this, dataset.Session, withTop: false, IsDefined(FeatureLayerParam) ? Get(FeatureLayerParam) : null);
        var resize = Image.Resize(this, model.Spec);
        var loader = IsDefined(ImageLoaderParam) ? Get(ImageLoaderParam) : null;
        var arrayLoader = IsDefined(ArrayLoaderParam) ? Get(ArrayLoaderParam) : null;
        var cache = Get(UseCacheParam) ? FeatureCache.For(dataset.Session) : null;
        bool flatten = Get(PoolingParam) == "flatten";
        // As DeepImageFeaturizer's features of the same model and settings; a preprocessed input has no resize.
        string setting = arrayLoader is null ? $"{model.Spec.CacheKey}|{resize}|{Get(PoolingParam)}" : $"{model.Spec.CacheKey}|model input|{Get(PoolingParam)}";
        int batchSize = Get(Image.BatchSize), col = dataset.Schema.FieldIndex(Get(InputColParam));
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Vector, true)], b =>
        {
            var output = new object?[b.RowCount];
            var paths = b.Column<StringArray>(col);
            var rows = Enumerable.Range(0, b.RowCount).Where(r => !paths.IsNull(r)).ToArray();
            foreach (var chunk in rows.Chunk(batchSize))
            {
                var pending = new List<(int Row, ImageData? Image, float[]? Input, string? Key)>();
                foreach (int r in chunk)
                {
                    var (hit, image, input, key) = arrayLoader is null ? Lookup(paths.GetString(r), loader, cache, setting) : LookupInput(paths.GetString(r), arrayLoader, cache, setting);
                    if (hit is not null) output[r] = DeepImageFeaturizer.ToVector(hit);
                    else pending.Add((r, image, input, key));
                }
                var features = arrayLoader is null
                    ? model.Features(pending.Select(p => p.Image!).ToArray(), resize, flatten)
                    : model.Features(pending.Select(p => p.Input!).ToArray(), flatten);
                for (int i = 0; i < pending.Count; i++)
                {
                    output[pending[i].Row] = DeepImageFeaturizer.ToVector(features[i]);
                    if (pending[i].Key is { } key) cache!.Add(key, features[i]);
                }
            }
            return ([output], null);
        }, "ImageFileTransformer");
    }

    /// <summary>The output cached for the model input <paramref name="loader"/> returns for <paramref name="uri"/>, or that input and the key to cache its output under.</summary>
    private static (float[]? Hit, ImageData? Image, float[]? Input, string? Key) LookupInput(string uri, Func<string, float[]> loader, FeatureCache? cache, string setting)
    {
        var input = loader(uri);
        string? key = cache is null ? null : FeatureCache.FileKey(System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.AsSpan()), setting);
        return key is not null && cache!.TryGet(key, out var hit) ? (hit, null, null, null) : (null, null, input, key);
    }

    public static ImageFileTransformer Load(string path) => Load<ImageFileTransformer>(path);
}
