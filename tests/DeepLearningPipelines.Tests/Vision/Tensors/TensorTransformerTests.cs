using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;
using DeepLearningPipelines.Vision.Tensors;
using Xunit.Abstractions;
using KerasFixtures = DeepLearningPipelines.Tests.Nn.Keras.SharedModels;

namespace DeepLearningPipelines.Tests.Vision.Tensors;

/// <summary>
/// <see cref="TensorTransformer"/> on real and small known models: a Dense head over MobileNet's pooled features of
/// birds-planes photos against a direct computation (atol 1e-4), MobileNet itself on the shared input tensors against
/// TensorFlow.js (the engine tests' tolerances), several inputs and outputs, and the errors on wrong feeds and shapes.
/// </summary>
public class TensorTransformerTests(ITestOutputHelper output)
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    private static string MobileNet => Path.Combine(KerasFixtures.MobileNetDir, "model.json");

    private static Dictionary<string, string> Map(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void DenseHeadOnMobileNetFeaturesOfBirdsAndPlanesEqualsTheDirectComputation()
    {
        var dir = TestPaths.NewTempDir();
        foreach (var file in TestFiles.BirdsPlanesJpegs().Where(f => Path.GetFileName(f) is "bird-001.jpg" or "bird-002.jpg" or "plane-001.jpg" or "plane-002.jpg" or "plane-003.jpg"))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var featurizer = new DeepImageFeaturizer().SetModelName(MobileNet).SetFeatureLayer("conv_pw_13_relu").SetPreprocessing("tf").SetUseCache(false);
        var features = featurizer.Transform(Session.ReadImages(dir));
        float[] w = TensorTestModels.Weights(256 * 3, 5), b = TensorTestModels.Weights(3, 6);
        var head = new TensorTransformer().SetModelName(TensorTestModels.Dense(Path.Combine(dir, "head", "dense.onnx"), w, b, 256, 3))
            .SetFeedDict(Map(("features", "features"))).SetFetchDict(Map(("logits", "logits"))).SetScoresOutput("logits").SetBatchSize(2);

        var rows = head.Transform(features).Collect();

        Assert.Equal(5, rows.Length);
        foreach (var row in rows)
        {
            var f = ((Vector)row["features"]!).ToArray();
            Assert.Equal(256, f.Length);
            var expected = Enumerable.Range(0, 3).Select(j => b[j] + Enumerable.Range(0, 256).Sum(i => f[i] * w[i * 3 + j])).ToArray();
            var logits = ((Vector)row["logits"]!).ToArray();
            double err = expected.Zip(logits, (e, a) => Math.Abs(e - a)).Max();
            output.WriteLine($"{ImageSchema.Origin((Row)row["image"]!)}: max |head − direct| = {err:E2}");
            Assert.True(err < 1e-4, $"logits differ by {err}");
            var exp = expected.Select(e => Math.Exp(e - expected.Max())).ToArray();
            var probabilities = ((Vector)row["probability"]!).ToArray();
            Assert.All(Enumerable.Range(0, 3), j => Assert.Equal(exp[j] / exp.Sum(), probabilities[j], 1e-5));
            Assert.Equal((double)Array.IndexOf(expected, expected.Max()), row["prediction"]);
        }
    }

    [Fact]
    public void MobileNetOnTheSharedInputTensorsMatchesTensorFlowJs()
    {
        string[] names = ["chelsea", "coffee"];
        var data = Session.CreateDataFrame(names.Select(n => new object?[] { n, KerasFixtures.MobileNetReference($"{n}.input.f32") }),
            new StructType(new StructField("name", DataTypes.String), new StructField("pixels", DataTypes.ArrayOf(DataTypes.Float))), numPartitions: 1);
        var stage = new TensorTransformer().SetModelName(MobileNet).SetFeedDict(Map(("input_1", "pixels")))
            .SetFetchDict(Map(("reshape_2", "probs"), ("global_average_pooling2d_1", "gap"))).SetOutputMode("array");

        foreach (var row in stage.Transform(data).Collect())
        {
            string name = (string)row["name"]!;
            float probs = Nn.TestData.AssertClose(KerasFixtures.MobileNetReference($"{name}.probs.f32"), (float[])row["probs"]!, 1e-5f, context: name);
            float gap = Nn.TestData.AssertClose(KerasFixtures.MobileNetReference($"{name}.gap256.f32"), (float[])row["gap"]!, 1e-4f, context: name);
            output.WriteLine($"{name}: max |ours − tfjs| probs {probs:E2}, gap256 {gap:E2}");
        }
    }

    [Fact]
    public void AZooModelWhoseFolderHoldsTheBackboneIsLoadedWithoutItsTopAndMatchesTensorFlowJs()
    {
        using var session = DlpSession.Builder().Master("local[2]").NewSession();
        ImageModels.For(session).Registry = SharedModels.Registry();
        var stage = new TensorTransformer().SetModelName("InceptionV3").SetFeedDict(Map(("input_1", "pixels"))).SetFetchDict(Map(("mixed10", "features")));

        var model = stage.LoadModel(session);
        using var input = new DeepLearningPipelines.Nn.Tensor(KerasFixtures.InceptionReference("chelsea.input.f32"), 1, 299, 299, 3);
        var outputs = model.Run(new Dictionary<string, DeepLearningPipelines.Nn.Tensor> { ["input_1"] = input }, ["mixed10"]);

        Assert.Equal([8, 8, 2048], model.RowShape("mixed10")!);
        using var mixed10 = outputs["mixed10"];
        float err = Nn.TestData.AssertClose(KerasFixtures.InceptionReference("chelsea.mixed10.f32"), mixed10.Span, 5e-5f, context: "chelsea mixed10");
        output.WriteLine($"InceptionV3 backbone (zoo): max |ours − tfjs| mixed10 {err:E2}");
    }

    private static readonly float[] Wa = TensorTestModels.Weights(6, 11), Wb = TensorTestModels.Weights(8, 12);

    private static string TwoInTwoOut() => TensorTestModels.TwoInTwoOut(Path.Combine(TestPaths.NewTempDir(), "two.onnx"), Wa, Wb);

    private static DataFrame TwoInputs(params (double[]? A, Vector? B)[] rows) => Session.CreateDataFrame(rows.Select(r => new object?[] { r.A, r.B }),
        new StructType(new StructField("a", DataTypes.ArrayOf(DataTypes.Double)), new StructField("b", DataTypes.Vector)), numPartitions: 1);

    [Fact]
    public void SeveralInputsAndOutputsOfMixedColumnTypesGoThroughTheModelTogether()
    {
        var a = new[] { new[] { 1.0, -2.0, 0.5 }, new[] { 0.25, 3.0, -1.0 }, new[] { 2.0, 2.0, 2.0 } };
        var b = new Vector[] { Vectors.Dense(1, -1, 2, -3), Vectors.Sparse(4, [1, 3], [5, -0.5]), Vectors.Dense(0, 0.5, -0.5, 1) };
        var stage = new TensorTransformer().SetModelName(TwoInTwoOut()).SetFeedDict(Map(("a", "a"), ("b", "b")))
            .SetFetchDict(Map(("mixed", "mixed"), ("relu_b", "relu"))).SetBatchSize(2);

        var rows = stage.Transform(TwoInputs((a[0], b[0]), (a[1], b[1]), (null, b[2]), (a[2], b[2]))).Collect();

        Assert.Null(rows[2]["mixed"]);
        Assert.Null(rows[2]["relu"]);
        foreach (var (row, k) in new[] { (rows[0], 0), (rows[1], 1), (rows[3], 2) })
        {
            var bk = b[k].ToArray();
            var mixed = Enumerable.Range(0, 2).Select(j => Enumerable.Range(0, 3).Sum(i => a[k][i] * Wa[i * 2 + j]) + Enumerable.Range(0, 4).Sum(i => bk[i] * Wb[i * 2 + j]));
            Assert.Equal(mixed, ((Vector)row["mixed"]!).ToArray(), (x, y) => Math.Abs(x - y) < 1e-5);
            Assert.Equal(bk.Select(v => Math.Max(v, 0)), ((Vector)row["relu"]!).ToArray());
        }
    }

    [Fact]
    public void InputColAndOutputColNameTheColumnsOfAModelWithOneInputAndOneOutput()
    {
        var data = Session.CreateDataFrame([[Vectors.Dense(1, -2, 0.5)], [Vectors.Dense(0.25, 3, -1)]],
            new StructType(new StructField("features", DataTypes.Vector)), numPartitions: 1);
        var byName = new TensorTransformer().SetModelName(TensorTestModels.Dense3x2).SetFeedDict(Map(("features", "features"))).SetFetchDict(Map(("logits", "out")));
        var byColumns = new TensorTransformer { ModelName = TensorTestModels.Dense3x2, InputCol = "features", OutputCol = "out" };

        var expected = byName.Transform(data).Collect();
        var actual = byColumns.Transform(data).Collect();

        Assert.Equal(["features", "out"], byColumns.TransformSchema(data.Schema).FieldNames);
        Assert.Equal(expected.Select(r => ((Vector)r["out"]!).ToArray()), actual.Select(r => ((Vector)r["out"]!).ToArray()));
    }

    [Fact]
    public void InputColOnAModelWithTwoInputsOrBesideFeedDictIsRefusedNamingTheInputs()
    {
        var schema = new StructType(new StructField("a", DataTypes.Vector), new StructField("b", DataTypes.Vector));

        var twoInputs = Assert.Throws<ParamException>(() => new TensorTransformer { ModelName = TwoInTwoOut(), InputCol = "a", OutputCol = "o" }.TransformSchema(schema));
        var both = Assert.Throws<ParamException>(() => new TensorTransformer { ModelName = TwoInTwoOut(), InputCol = "a", FeedDict = Map(("a", "a")), OutputCol = "o" }.TransformSchema(schema));
        var twoOutputs = Assert.Throws<ParamException>(() => new TensorTransformer { ModelName = TwoInTwoOut(), FeedDict = Map(("a", "a"), ("b", "b")), OutputCol = "o" }.TransformSchema(schema));

        Assert.Contains("has 2 inputs ('a', 'b')", twoInputs.Message);
        Assert.Equal("Set inputCol (a model with one input) or feedDict (each input by name), not both.", both.Message);
        Assert.Contains("has 2 outputs ('mixed', 'relu_b')", twoOutputs.Message);
    }

    [Fact]
    public void ScoresThatAreProbabilitiesAlreadyAreKeptWithoutSoftmax()
    {
        var stage = new TensorTransformer().SetModelName(TwoInTwoOut()).SetFeedDict(Map(("a", "a"), ("b", "b")))
            .SetScoresOutput("mixed").SetSoftmax(false).SetProbabilityCol("scores").SetPredictionCol("best");

        var row = stage.Transform(TwoInputs(([1, 2, 3], Vectors.Dense(1, 2, 3, 4)))).Collect().Single();

        var scores = ((Vector)row["scores"]!).ToArray();
        Assert.Equal(Enumerable.Range(0, 3).Sum(i => (i + 1.0) * Wa[i * 2]) + Enumerable.Range(0, 4).Sum(i => (i + 1.0) * Wb[i * 2]), scores[0], 1e-5);
        Assert.Equal(scores[1] > scores[0] ? 1.0 : 0.0, row["best"]);
        Assert.DoesNotContain("mixed", row.Schema.FieldNames);
    }

    [Fact]
    public void AColumnOfTheWrongTypeIsRefusedInTransformSchemaNamingTheInput()
    {
        var stage = new TensorTransformer().SetModelName(TwoInTwoOut()).SetFeedDict(Map(("a", "a"), ("b", "name"))).SetFetchDict(Map(("mixed", "m")));
        var schema = new StructType(new StructField("a", DataTypes.ArrayOf(DataTypes.Float)), new StructField("name", DataTypes.String));

        var e = Assert.Throws<SchemaException>(() => stage.TransformSchema(schema));

        Assert.Equal("Column 'name' feeds model input 'b', so it must be array<float>, array<double> or vector, but was string.", e.Message);
    }

    [Fact]
    public void FeedsThatAreNotTheModelsInputsAreRefusedInTransformSchemaWithTheInputsAndShapes()
    {
        var model = TwoInTwoOut();
        var schema = new StructType(new StructField("a", DataTypes.Vector), new StructField("b", DataTypes.Vector));

        var unfed = Assert.Throws<ParamException>(() => new TensorTransformer().SetModelName(model).SetFeedDict(Map(("a", "a"))).SetFetchDict(Map(("mixed", "m"))).TransformSchema(schema));
        Assert.Equal($"Model {model} input 'b' [N,2,2] is not fed: add it to feedDict (its inputs are 'a' [N,3], 'b' [N,2,2]).", unfed.Message);

        var unknown = Assert.Throws<ParamException>(() => new TensorTransformer().SetModelName(model).SetFeedDict(Map(("a", "a"), ("b", "b"), ("c", "b"))).SetFetchDict(Map(("mixed", "m"))).TransformSchema(schema));
        Assert.Equal($"feedDict names 'c', which is not an input of model {model}; its inputs are 'a' [N,3], 'b' [N,2,2].", unknown.Message);

        var fetch = Assert.Throws<ParamException>(() => new TensorTransformer().SetModelName(model).SetFeedDict(Map(("a", "a"), ("b", "b"))).SetFetchDict(Map(("nothing", "m"))).TransformSchema(schema));
        Assert.StartsWith($"Model {model} has no value 'nothing' to fetch; its outputs include 'mixed', 'relu_b'", fetch.Message);

        var scores = Assert.Throws<SchemaException>(() => new TensorTransformer().SetModelName(model).SetFeedDict(Map(("a", "a"), ("b", "b"))).SetScoresOutput("relu_b").TransformSchema(schema));
        Assert.Equal("scoresOutput 'relu_b' has rows of shape [2,2]; class scores need one axis per row ([N,K]).", scores.Message);
    }

    [Fact]
    public void ARowOfTheWrongLengthFailsNamingTheColumnTheRowAndBothShapes()
    {
        var stage = new TensorTransformer().SetModelName(TwoInTwoOut()).SetFeedDict(Map(("a", "a"), ("b", "b"))).SetFetchDict(Map(("mixed", "m")));

        var e = Assert.Throws<DataFormatException>(() => stage.Transform(TwoInputs(([1, 2, 3], Vectors.Dense(1, 2, 3, 4)), ([1, 2, 3], Vectors.Dense(1, 2, 3)))).Collect());

        Assert.Equal("Column 'b' has 3 values in row 1 of its batch, but model input 'b' takes rows of shape [2,2] (4 values).", e.Message);
    }

    [Fact]
    public void SavedAndLoadedTransformerGivesTheSameOutputs()
    {
        var stage = new TensorTransformer().SetModelName(TwoInTwoOut()).SetFeedDict(Map(("a", "a"), ("b", "b"))).SetFetchDict(Map(("relu_b", "r"))).SetScoresOutput("mixed");
        var dir = Path.Combine(TestPaths.NewTempDir(), "tensor");
        stage.Save(dir);

        var loaded = TensorTransformer.Load(dir);

        Assert.Equal(stage.FeedDict, loaded.FeedDict);
        var data = TwoInputs(([1, 2, 3], Vectors.Dense(1, -2, 3, -4)));
        Assert.Equal(stage.Transform(data).Collect().Select(r => r.ToString()), loaded.Transform(data).Collect().Select(r => r.ToString()));
    }
}
