using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Sql;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Tests.Sql;

/// <summary>An image classifier as a SQL function, on SqueezeNet over birds photos: the same values as DeepImagePredictor, computed a batch at a time.</summary>
public sealed class SqlImageModelTests : IDisposable
{
    private readonly DlpSession _session = DlpSession.Builder().Master("local[2]").NewSession();

    private DataFrame Birds() => _session.ReadImages(Path.Combine(TestPaths.Shared, "data", "birds-planes", "birds"), new ImageReadOptions { NumPartitions = 1 });

    private DeepImagePredictor Predictor() =>
        new DeepImagePredictor().SetModelName(SharedModels.SqueezeNet).SetBgr(true).SetUseCache(false).SetOutputCol("p");

    [Fact]
    public void ProbabilitiesEqualTheModelsPredictorAndComeFromWholeBatches()
    {
        var images = Birds();
        images.CreateOrReplaceTempView("images");
        var function = _session.Udf.RegisterImageModel("classify", SharedModels.SqueezeNet, new ImageModelFunctionOptions { Bgr = true, BatchSize = 16 });

        var sql = _session.Sql("SELECT image.origin, classify(image) AS p FROM images").Collect().ToDictionary(r => (string)r[0]!, r => (Vector)r[1]!);
        var expected = Predictor().Transform(images).Select("image.origin", "p").Collect().ToDictionary(r => (string)r[0]!, r => (Vector)r[1]!);

        Assert.Equal(expected.Keys.Order(), sql.Keys.Order());
        foreach (var (origin, p) in expected)
        {
            Assert.Equal(1000, sql[origin].Size);
            for (int i = 0; i < p.Size; i++) Assert.Equal(p[i], sql[origin][i], 6);
        }
        // One partition, one column batch of all the images: the model ran on chunks of 16, never image by image.
        int n = expected.Count;
        Assert.True(n > 16, $"the birds folder should hold more than 16 images but has {n}");
        Assert.Equal(n, function.ImagesScored);
        Assert.Equal((n + 15) / 16, function.ModelRuns);
        Assert.Equal(16, function.LargestRun);
    }

    [Fact]
    public void DecodedTopClassesEqualThePredictorsAndNullImagesGiveNull()
    {
        var images = Birds().Limit(4);
        images.CreateOrReplaceTempView("few");
        _session.Udf.RegisterImageModel("top3", SharedModels.SqueezeNet, new ImageModelFunctionOptions { Bgr = true, DecodePredictions = true, TopK = 3 });

        var sql = _session.Sql("SELECT image.origin, top3(image) FROM few").Collect().ToDictionary(r => (string)r[0]!, r => (Row[])r[1]!);
        var expected = Predictor().SetDecodePredictions(true).SetTopK(3).Transform(images).Select("image.origin", "p").Collect();
        Assert.Equal(4, sql.Count);
        foreach (var row in expected)
            Assert.Equal(((Row[])row[1]!).Select(r => (string)r["class"]!), sql[(string)row[0]!].Select(r => (string)r["class"]!));

        var nulls = _session.Sql("SELECT a.image.origin, top3(b.image) FROM few a LEFT JOIN few b ON a.image.origin = b.image.origin AND b.image.width < 0").Collect();
        Assert.Equal(4, nulls.Length);
        Assert.All(nulls, r => Assert.Null(r[1]));
    }

    [Fact]
    public void AnImageModelRefusesAColumnThatIsNotAnImage()
    {
        _session.Range(0, 2).CreateOrReplaceTempView("ids");
        _session.Udf.RegisterImageModel("classify", SharedModels.SqueezeNet);
        var e = Assert.Throws<AnalysisException>(() => _session.Sql("SELECT classify(id) FROM ids").Collect());
        Assert.Contains("Function classify takes Spark's image struct", e.Message);
    }

    public void Dispose() => _session.Dispose();
}
