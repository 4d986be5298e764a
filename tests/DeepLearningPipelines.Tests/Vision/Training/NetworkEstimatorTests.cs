using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Tests.Vision.Datasets;
using DeepLearningPipelines.Vision.Datasets;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Tests.Vision.Training;

/// <summary>The network estimators on a small real subset of Fashion-MNIST: learning, label forms, progress, persistence and param grids.</summary>
public class NetworkEstimatorTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    /// <summary>Accuracy of the arg-max of <paramref name="column"/> against the integer labels.</summary>
    private static double Accuracy(DataFrame predictions, string column = "predictions") =>
        predictions.Collect().Average(r => ((Vector)r[column]!).ToArray().Select((p, i) => (p, i)).MaxBy(t => t.p).i == (int)r["label"]! ? 1.0 : 0.0);

    [FashionMnistFact]
    public void ImageFileEstimatorLearnsFromImageStructsAndTheModelRoundTrips()
    {
        var train = FashionMnist.Load(train: true).Take(1500).ToImageFrame(Session, 4);
        var test = FashionMnist.Load(train: false).Take(300).ToImageFrame(Session, 2);
        var progress = new List<TrainingProgress>();
        var estimator = new ImageFileEstimator().SetInputCol("image").SetLayers("conv16-pool-dense32").SetInputSize(28)
            .SetEpochs(2).SetBatchSize(32).SetValidationSplit(0.1).SetSeed(7).SetProgress(progress.Add);
        var model = estimator.Fit(train);
        double accuracy = Accuracy(model.Transform(test));
        Assert.True(accuracy >= 0.6, $"test accuracy {accuracy} after 2 epochs on 1,500 images; chance is 0.1");
        Assert.Equal(2, progress.Max(p => p.Epoch));
        Assert.InRange(progress.Count(p => p.Epoch == 1), 40, 50); // about 1,350 training rows in batches of 32
        Assert.True(progress.TakeLast(10).Average(p => p.Loss) < progress.Take(10).Average(p => p.Loss), "the batch loss falls");

        string dir = Path.Combine(TestPaths.NewTempDir(), "model");
        model.Save(dir);
        Assert.True(File.Exists(Path.Combine(dir, "data", "model.onnx")));
        var loaded = ImageFileModel.Load(dir);
        Assert.Equal(model.Transform(test).Collect().Select(r => r.ToString()), loaded.Transform(test).Collect().Select(r => r.ToString()));
    }

    [FashionMnistFact]
    public void TensorEstimatorTakesOneHotLabelsAndACSharpNetwork()
    {
        var data = FashionMnist.Load(train: false).Take(600).ToTensorFrame(Session, 3);
        var rows = data.Collect().Select(r => new object?[] { r["features"], Vectors.Dense(Enumerable.Range(0, 10).Select(c => c == (int)r["label"]! ? 1.0 : 0.0).ToArray()), r["label"] });
        var frame = Session.CreateDataFrame(rows, new StructType(new StructField("features", DataTypes.Vector), new StructField("onehot", DataTypes.Vector), new StructField("label", DataTypes.Integer)), 3);
        var network = new Sequential([784], new Dense(32, "relu"), new Dense(10, "softmax"));
        var model = new TensorEstimator().SetLabelCol("onehot").SetNetwork(network.ToNetwork()).SetEpochs(3).SetSeed(1).Fit(frame);
        double accuracy = Accuracy(model.Transform(frame));
        Assert.True(accuracy >= 0.7, $"training accuracy {accuracy} with one-hot labels");
    }

    [Fact]
    public void FitWithAParamGridTrainsEachSetting()
    {
        var rng = new SplitMix64(5);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian();
            return new object?[] { Vectors.Dense(a, b), a + b > 0 ? 1.0 : 0.0 };
        });
        var data = Session.CreateDataFrame(rows, new StructType(new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.Double)), 2);
        var estimator = new TensorEstimator().SetLayers("dense8").SetEpochs(3).SetSeed(2);
        var grid = new ParamGridBuilder().AddGrid(estimator.Training.Optimizer, ["adam", "sgd"]).Build();
        var models = estimator.Fit(data, grid);
        Assert.Equal(2, models.Length);
        Assert.NotEqual(models[0].Transform(data).Collect()[0].ToString(), models[1].Transform(data).Collect()[0].ToString());
    }

    [Fact]
    public void MismatchedNetworkAndLabelsAreRefused()
    {
        var data = Session.CreateDataFrame([[Vectors.Dense(1, 2), 0], [Vectors.Dense(2, 1), 2]],
            new StructType(new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.Integer)));
        var e = Assert.Throws<ParamException>(() => new TensorEstimator().SetNetwork(new Sequential([2], new Dense(2, "softmax")).ToNetwork()).Fit(data));
        Assert.Contains("[N,3] class probabilities", e.Message);
        Assert.Contains("'label'", Assert.ThrowsAny<DlpException>(() => new TensorEstimator().TransformSchema(data.Drop("label").Schema)).Message);
    }
}
