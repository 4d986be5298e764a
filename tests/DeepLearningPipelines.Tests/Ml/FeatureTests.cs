using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Feature;

namespace DeepLearningPipelines.Tests.Ml;

public class FeatureTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    private static DataFrame Frame(StructType schema, params object?[][] rows) => Session.CreateDataFrame(rows, schema, 2);

    private static readonly StructType Numbers = new(new StructField("a", DataTypes.Double), new StructField("b", DataTypes.Integer), new StructField("v", DataTypes.Vector));

    [Fact]
    public void VectorAssemblerConcatenatesAndCompresses()
    {
        var df = Frame(Numbers, [1.5, 2, Vectors.Dense(3, 4)], [0.0, 0, Vectors.Sparse(6, [5], [1])]);
        var rows = new VectorAssembler().SetInputCols("a", "b", "v").SetOutputCol("f").Transform(df).Collect();
        Assert.Equal("[1.5,2.0,3.0,4.0]", rows[0]["f"]!.ToString());
        Assert.Equal("(8,[7],[1.0])", rows[1]["f"]!.ToString());
    }

    [Fact]
    public void VectorAssemblerHandleInvalidModes()
    {
        var df = Frame(Numbers, [1.0, 2, Vectors.Dense(3)], [double.NaN, 1, Vectors.Dense(4)], [null, 1, Vectors.Dense(5)]);
        var va = new VectorAssembler().SetInputCols("a", "b", "v").SetOutputCol("f");
        var e = Assert.Throws<DataFormatException>(() => va.Transform(df).Collect());
        Assert.Contains("column 'a'", e.Message);
        Assert.Equal(1, va.SetHandleInvalid("skip").Transform(df).Count());
        var kept = va.SetHandleInvalid("keep").Transform(df).Collect();
        Assert.Equal(3, kept.Length);
        Assert.True(double.IsNaN(((Vector)kept[2]["f"]!)[0]));
    }

    [Fact]
    public void VectorAssemblerRejectsStringColumnsUpFront()
    {
        var schema = new StructType(new StructField("s", DataTypes.String));
        var e = Assert.Throws<SchemaException>(() => new VectorAssembler().SetInputCols("s").SetOutputCol("f").TransformSchema(schema));
        Assert.Contains("'s'", e.Message);
        Assert.Contains("string", e.Message);
    }

    [Fact]
    public void StringIndexerOrdersByFrequencyThenAlphabetAndHandlesUnseen()
    {
        var schema = new StructType(new StructField("w", DataTypes.String));
        var train = Frame(schema, ["b"], ["a"], ["c"], ["a"], ["b"], ["a"]);
        var model = new StringIndexer().SetInputCol("w").SetOutputCol("i").Fit(train);
        Assert.Equal(["a", "b", "c"], model.Labels);
        var test = Frame(schema, ["c"], ["zzz"]);
        Assert.Contains("Unseen label 'zzz'", Assert.Throws<DataFormatException>(() => model.Transform(test).Collect()).Message);
        Assert.Equal([2.0, 3.0], model.SetHandleInvalid("keep").Transform(test).Collect().Select(r => r.Get<double>("i")));
        Assert.Single(model.SetHandleInvalid("skip").Transform(test).Collect());
        var back = new IndexToString().SetInputCol("i").SetOutputCol("w2").SetLabels(model.Labels)
            .Transform(model.SetHandleInvalid("error").Transform(train)).Collect();
        Assert.All(back, r => Assert.Equal(r["w"], r["w2"]));
    }

    [Fact]
    public void StandardScalerUsesSampleStdAndOptionalMean()
    {
        var schema = new StructType(new StructField("v", DataTypes.Vector));
        var df = Frame(schema, [Vectors.Dense(1, 5)], [Vectors.Dense(2, 5)], [Vectors.Dense(3, 5)], [Vectors.Dense(6, 5)]);
        var model = new StandardScaler().SetInputCol("v").SetOutputCol("s").SetWithMean(true).Fit(df);
        double mean = 3, std = Math.Sqrt((4 + 1 + 0 + 9) / 3.0);
        Assert.Equal(mean, model.Mean[0], 12);
        Assert.Equal(std, model.Std[0], 12);
        Assert.Equal(0, model.Std[1]);
        var first = (Vector)model.Transform(df).First()["s"]!;
        Assert.Equal((1 - mean) / std, first[0], 12);
        Assert.Equal(0, first[1]);
    }

    [Fact]
    public void OneHotEncoderDropsLastAndKeepsInvalid()
    {
        var schema = new StructType(new StructField("c", DataTypes.Double));
        var model = new OneHotEncoder().SetInputCols("c").SetOutputCols("v").Fit(Frame(schema, [0.0], [1.0], [2.0]));
        Assert.Equal([3], model.CategorySizes);
        var rows = model.Transform(Frame(schema, [0.0], [2.0])).Collect();
        Assert.Equal("(2,[0],[1.0])", rows[0]["v"]!.ToString());
        Assert.Equal("(2,[],[])", rows[1]["v"]!.ToString());
        var unseen = Frame(schema, [7.0]);
        Assert.Contains("unseen category 7.0", Assert.Throws<DataFormatException>(() => model.Transform(unseen).Collect()).Message);
        model.HandleInvalid = "keep";
        Assert.Equal("(3,[],[])", model.Transform(unseen).First()["v"]!.ToString());
        Assert.Contains("non-negative integers", Assert.Throws<DataFormatException>(() => new OneHotEncoder().SetInputCols("c").SetOutputCols("v").Fit(Frame(schema, [-1.0]))).Message);
    }
}
