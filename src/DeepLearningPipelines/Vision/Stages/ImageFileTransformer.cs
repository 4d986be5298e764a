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
/// The loader is code, so it is not saved; a loaded stage uses the default loader until one is set.
/// </summary>
public sealed class ImageFileTransformer : Transformer
{
    public ImageFileTransformer(string? uid = null) : base(uid)
    {
        InputCol = Declare<string>("inputCol", "input column of image paths or file URIs", "uri", ParamValidators.NotEmpty());
        OutputCol = Declare<string>("outputCol", "output vector column", "predictions", ParamValidators.NotEmpty());
        Image = new ImageStageParams(this, "bilinear");
        ImageLoader = Declare<Func<string, ImageData>>("imageLoader", "reads one URI into pixels; default: read the file and decode it (JPEG, PNG, BMP)", savedInMetadata: false);
        OutputMode = Declare<string>("outputMode", "vector: the model output flattened into a vector", "vector", ParamValidators.InArray("vector"));
    }

    public Param<string> InputCol { get; }
    public Param<string> OutputCol { get; }
    public ImageStageParams Image { get; }
    public Param<Func<string, ImageData>> ImageLoader { get; }
    public Param<string> OutputMode { get; }

    public ImageFileTransformer SetInputCol(string value) { Set(InputCol, value); return this; }
    public ImageFileTransformer SetOutputCol(string value) { Set(OutputCol, value); return this; }
    public ImageFileTransformer SetModelFile(string value) { Set(Image.ModelName, value); return this; }
    public ImageFileTransformer SetImageLoader(Func<string, ImageData> value) { Set(ImageLoader, value); return this; }
    public ImageFileTransformer SetInputSize(int value) { Set(Image.InputSize, value); return this; }
    public ImageFileTransformer SetPreprocessing(string value) { Set(Image.Preprocessing, value); return this; }
    public ImageFileTransformer SetBgr(bool value) { Set(Image.Bgr, value); return this; }
    public ImageFileTransformer SetBatchSize(int value) { Set(Image.BatchSize, value); return this; }
    public ImageFileTransformer SetEngine(string value) { Set(Image.Engine, value); return this; }

    /// <summary>The default loader: the file's bytes, decoded.</summary>
    public static ImageData DefaultLoader(string uri)
    {
        var path = uri.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(uri).LocalPath : uri;
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFormatException($"Cannot read image {path}: {e.Message}", e); }
        return ImageDecoder.Decode(bytes, path);
    }

    public override StructType TransformSchema(StructType schema)
    {
        schema.Require(Get(InputCol), DataTypes.String, "image paths");
        return ColumnAppender.Extend(schema, new StructField(Get(OutputCol), DataTypes.Vector, true));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var model = Image.Model(this, dataset.Session, withTop: false, featureLayer: null);
        var resize = Image.Resize(this, model.Spec);
        var loader = IsDefined(ImageLoader) ? Get(ImageLoader) : DefaultLoader;
        int batchSize = Get(Image.BatchSize), col = dataset.Schema.FieldIndex(Get(InputCol));
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputCol), DataTypes.Vector, true)], b =>
        {
            var output = new object?[b.RowCount];
            var paths = b.Column<StringArray>(col);
            var rows = Enumerable.Range(0, b.RowCount).Where(r => !paths.IsNull(r)).ToArray();
            foreach (var chunk in rows.Chunk(batchSize))
            {
                var features = model.Features(chunk.Select(r => loader(paths.GetString(r))).ToArray(), resize, flatten: true);
                for (int i = 0; i < chunk.Length; i++) output[chunk[i]] = new DenseVector(System.Array.ConvertAll(features[i], f => (double)f));
            }
            return ([output], null);
        }, "ImageFileTransformer");
    }

    public static ImageFileTransformer Load(string path) => Load<ImageFileTransformer>(path);
}
