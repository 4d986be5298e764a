using Apache.Arrow;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// The model stages' <c>TransformFiles</c>: each file is looked up in the <see cref="FeatureCache"/> by the SHA-256 of
/// its bytes (with the model, the stage's settings and the decode options) before it is decoded; only the files not
/// found are decoded and run through the model, in batches, and their outputs cached. One row per file:
/// <c>origin</c> (its path), the output column, and <c>label</c> with <see cref="ImageReadOptions.LabelFromFolder"/>.
/// </summary>
internal static class CachedFileScan
{
    private const int Origin = 0, Cached = 1, Image = 2, Key = 3;

    /// <param name="session">The session whose sources and cache are used.</param>
    /// <param name="paths">Files and folders, read as <see cref="ImageSource.ReadImages(DlpSession, IReadOnlyList{string}, ImageReadOptions?)"/> reads them.</param>
    /// <param name="o">How to list and decode them.</param>
    /// <param name="cache">The cache; null decodes and runs every file.</param>
    /// <param name="setting">What fixes the output besides the file: model, layer, preprocessing, resize, pooling.</param>
    /// <param name="batchSize">Images per model run.</param>
    /// <param name="output">The output column.</param>
    /// <param name="run">The model over decoded images.</param>
    /// <param name="toValue">The output column's value of one model output.</param>
    public static DataFrame Read(DlpSession session, IReadOnlyList<string> paths, ImageReadOptions o, FeatureCache? cache, string setting, int batchSize,
        StructField output, Func<ImageData[], float[][]> run, Func<float[], object> toValue)
    {
        var scanSchema = new StructType(
            new StructField("origin", DataTypes.String, false), new StructField("cached", output.DataType, true),
            new StructField("image", ImageSchema.ColumnSchema, true), new StructField("key", DataTypes.String, true));
        var schema = ColumnAppender.Extend(new StructType(scanSchema.Fields[Origin]), output);
        if (o.LabelFromFolder) schema = ColumnAppender.Extend(schema, new StructField("label", DataTypes.String, false));
        string fileSetting = $"{setting}|{o.Decode}";

        var scan = ImageSource.ReadImageFiles(session, paths, o, scanSchema, "CachedImageScan", (file, bytes) =>
        {
            string? key = cache is null ? null : FeatureCache.FileKey(bytes, fileSetting);
            if (key is not null && cache!.TryGet(key, out var hit)) return [file, toValue(hit), null, null];
            return [file, null, ImageSchema.ToRow(ImageDecoder.Decode(bytes, file, o.Decode), file), key];
        });
        return scan.MapBatches(b =>
        {
            var values = b.ColumnValues(Cached);
            var images = new ImageColumn(b.Column(Image), scanSchema[Image].Name);
            var pending = Enumerable.Range(0, b.RowCount).Where(r => values[r] is null).ToArray();
            foreach (var chunk in pending.Chunk(batchSize))
            {
                var computed = run(chunk.Select(images.Image).ToArray());
                for (int i = 0; i < chunk.Length; i++)
                {
                    values[chunk[i]] = toValue(computed[i]);
                    if (b.GetValue(Key, chunk[i]) is string key) cache!.Add(key, computed[i]);
                }
            }
            var computedColumn = ColumnBuilder.Build(schema[1].DataType, schema[1].Name, values);
            IArrowArray[] columns = o.LabelFromFolder ? [b.Column(Origin), computedColumn, b.Column(scanSchema.Count)] : [b.Column(Origin), computedColumn];
            return new RowBatch(schema, columns, b.RowCount);
        }, schema, "CachedImageScan model");
    }
}
