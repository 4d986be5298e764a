using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Vision;

/// <summary>
/// The CNN stages on real pretrained weights against peer references: SqueezeNet (ONNX) probabilities against ONNX
/// Runtime (atol 1e-3, the shared README's tolerance) and InceptionV3 features against TensorFlow.js (pooled atol 1e-4,
/// flattened atol 1e-4), from the original photos through our decoder and bilinear resize.
/// </summary>
public class ImageStagesTests(ITestOutputHelper output)
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();
    private static readonly string[] Names = ["chelsea", "coffee", "rocket"];

    static ImageStagesTests() => ImageModels.For(Session).Registry = SharedModels.Registry();

    private static DataFrame Photos(DlpSession? session = null)
    {
        var dir = TestPaths.NewTempDir();
        foreach (var n in Names) File.Copy(SharedModels.Image(n + ".png"), Path.Combine(dir, n + ".png"));
        return (session ?? Session).ReadImages(dir);
    }

    private static string NameOf(Row row) => Path.GetFileNameWithoutExtension(ImageSchema.Origin((Row)row["image"]!));

    [Fact]
    public void SqueezeNetPredictorMatchesOnnxRuntime()
    {
        var predictor = new DeepImagePredictor().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetInterpolation("bilinear").SetOutputCol("p");
        foreach (var row in predictor.Transform(Photos()).Collect())
        {
            var ours = ((Vector)row["p"]!).ToArray();
            var reference = SharedModels.ReadF32(Path.Combine(SharedModels.Folder, "squeezenet1.1", "reference_ort", NameOf(row) + ".softmaxout_1.f32"));
            double err = ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{NameOf(row)}: max |ours - ORT| = {err:E2}");
            Assert.True(err < 1e-3, $"{NameOf(row)}: {err}");
        }
        var decoded = predictor.SetDecodePredictions(true).SetTopK(3).Transform(Photos()).Collect().Single(r => NameOf(r) == "coffee");
        var top = (Row[])decoded["p"]!;
        Assert.Equal(3, top.Length);
        Assert.Equal("n07920052", top[0]["class"]);
        Assert.Equal("espresso", top[0]["description"]);
    }

    [Fact]
    public void InceptionV3FeaturizerMatchesTensorFlowJsAndCaches()
    {
        using var session = DlpSession.Builder().Master("local[2]").NewSession();
        ImageModels.For(session).Registry = SharedModels.Registry();
        var cache = FeatureCache.For(session);
        var featurizer = new DeepImageFeaturizer().SetModelName("InceptionV3").SetInterpolation("bilinear").SetBatchSize(2);
        var rows = featurizer.Transform(Photos(session)).Collect();
        foreach (var row in rows)
        {
            var ours = ((Vector)row["features"]!).ToArray();
            Assert.Equal(2048, ours.Length);
            var reference = SharedModels.ReadF32(Path.Combine(SharedModels.Folder, "inception_v3_backbone", "reference_tfjs", NameOf(row) + ".gap2048.f32"));
            double err = ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{NameOf(row)}: max |ours - tfjs| pooled = {err:E2}");
            Assert.True(err < 1e-4, $"{NameOf(row)}: {err}");
        }
        Assert.Equal(3, cache.Misses);
        var again = featurizer.Transform(Photos(session)).Collect();
        Assert.Equal(3, cache.Hits);
        Assert.Equal(rows.Select(r => r["features"]), again.Select(r => r["features"]));
    }

    [Fact]
    public void FlattenGivesSparkdlLayout()
    {
        var row = new DeepImageFeaturizer().SetModelName("InceptionV3").SetInterpolation("bilinear").SetPooling("flatten").SetUseCache(false)
            .Transform(Photos()).Collect().Single(r => NameOf(r) == "chelsea");
        var ours = ((Vector)row["features"]!).ToArray();
        Assert.Equal(8 * 8 * 2048, ours.Length);
        var reference = SharedModels.ReadF32(Path.Combine(SharedModels.Folder, "inception_v3_backbone", "reference_tfjs", "chelsea.mixed10.f32"));
        Assert.True(ours.Zip(reference, (a, b) => Math.Abs(a - b)).Max() < 1e-4);
    }

    [Fact]
    public void PipelineWithFeaturizerSavesAndLoads()
    {
        var photos = Photos().WithColumn("label", Functions.Udf<Row, double>(r => ImageSchema.Origin(r).Contains("coffee") ? 1.0 : 0.0, DataTypes.Double)(Functions.Col("image")));
        var pipeline = new Pipeline().SetStages(
            new DeepImageFeaturizer().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetFeatureLayer("fire9/concat_1").SetOutputCol("features"),
            new LogisticRegression().SetMaxIter(20).SetRegParam(0.05));
        var model = pipeline.Fit(photos);
        var dir = Path.Combine(TestPaths.NewTempDir(), "model");
        model.Save(dir);
        var loaded = PipelineModel.Load(dir);
        Assert.Equal(model.Transform(photos).Select("probability").Collect().Select(r => r[0]),
            loaded.Transform(photos).Select("probability").Collect().Select(r => r[0]));
    }

    [Fact]
    public void WrongColumnsAndUnknownModelsAreNamed()
    {
        var schema = new StructType(new StructField("image", DataTypes.String));
        var notImages = Session.CreateDataFrame([["x"]], schema);
        var e = Assert.Throws<SchemaException>(() => new DeepImageFeaturizer().Transform(notImages));
        Assert.Contains("Column 'image' must be Spark's image struct", e.Message);
        var m = Assert.Throws<ModelFormatException>(() => new DeepImageFeaturizer().SetModelName("NoSuchNet").Transform(Photos()).Count());
        Assert.Contains("NoSuchNet", m.Message);
        Assert.Contains("InceptionV3", m.Message);
    }
}
