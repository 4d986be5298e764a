using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// <see cref="DeepImageFeaturizer.TransformFiles"/>: each file is looked up in the <see cref="FeatureCache"/> by the
/// SHA-256 of its bytes (with the model, the feature settings and the decode options) before it is decoded; only the
/// files not found are decoded and run through the model, in batches, and their features cached.
/// </summary>
internal static class FileFeatures
{
    private const int Origin = 0, Cached = 1, Image = 2, Key = 3;

    /// <summary>A file's row before the model runs: its features when cached, else its pixels and the key to cache them under.</summary>
    private static readonly StructType ScanSchema = new(
        new StructField("origin", DataTypes.String, false), new StructField("cached", DataTypes.Vector, true),
        new StructField("image", ImageSchema.ColumnSchema, true), new StructField("key", DataTypes.String, true));

    public static DataFrame Read(DeepImageFeaturizer featurizer, DlpSession session, IReadOnlyList<string> paths, ImageReadOptions o)
    {
        var model = featurizer.LoadModel(session);
        var resize = featurizer.Image.Resize(featurizer, model.Spec);
        bool flatten = featurizer.Get(featurizer.Pooling) == "flatten";
        var cache = featurizer.Get(featurizer.UseCache) ? FeatureCache.For(session) : null;
        string setting = $"{featurizer.CacheSetting(model, resize)}|{o.Decode}";
        int batchSize = featurizer.Get(featurizer.Image.BatchSize);
        var outputField = new StructField(featurizer.Get(featurizer.OutputCol), DataTypes.Vector, true);
        var schema = ColumnAppender.Extend(new StructType(ScanSchema.Fields[Origin]), outputField);
        if (o.LabelFromFolder) schema = ColumnAppender.Extend(schema, new StructField("label", DataTypes.String, false));

        var scan = ImageSource.ReadImageFiles(session, paths, o, ScanSchema, "ImageFeatureScan", (file, bytes) =>
        {
            string? key = cache is null ? null : FeatureCache.FileKey(bytes, setting);
            if (key is not null && cache!.TryGet(key, out var hit)) return [file, DeepImageFeaturizer.ToVector(hit), null, null];
            return [file, null, ImageSchema.ToRow(ImageDecoder.Decode(bytes, file, o.Decode), file), key];
        });
        return scan.MapBatches(b =>
        {
            var features = new object?[b.RowCount];
            var pending = new List<int>();
            for (int r = 0; r < b.RowCount; r++)
            {
                if (b.Columns[Cached][r] is Vector hit) features[r] = hit;
                else pending.Add(r);
            }
            foreach (var chunk in pending.Chunk(batchSize))
            {
                var computed = model.Features(chunk.Select(r => ImageSchema.ToImage((Row)b.Columns[Image][r]!)).ToArray(), resize, flatten);
                for (int i = 0; i < chunk.Length; i++)
                {
                    features[chunk[i]] = DeepImageFeaturizer.ToVector(computed[i]);
                    if (b.Columns[Key][chunk[i]] is string key) cache!.Add(key, computed[i]);
                }
            }
            object?[][] columns = o.LabelFromFolder ? [b.Columns[Origin], features, b.Columns[ScanSchema.Count]] : [b.Columns[Origin], features];
            return new RowBatch(schema, columns, b.RowCount);
        }, schema, "DeepImageFeaturizer");
    }
}
