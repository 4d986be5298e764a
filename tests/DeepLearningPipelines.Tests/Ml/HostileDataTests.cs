using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Tests.Support;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>Bad values reaching the learners: refused with the column, the row and, for file data, the file line.</summary>
public class HostileDataTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    [Fact]
    public void StandardScalerRefusesNaNFeaturesNamingColumnAndRow()
    {
        var schema = new StructType(new StructField("features", DataTypes.Vector));
        var rows = Enumerable.Range(0, 40).Select(i => new object?[] { Vectors.Dense(i, i == 29 ? double.NaN : 2 * i) });
        var df = Session.CreateDataFrame(rows, schema, numPartitions: 3);
        var e = Assert.Throws<DataFormatException>(() => new StandardScaler().SetInputCol("features").SetOutputCol("s").Fit(df));
        Assert.Contains("Column 'features' has a non-finite value (NaN) at feature 1 in row 29", e.Message);

        var inf = Session.CreateDataFrame([[Vectors.Dense(1, 2)], [Vectors.Dense(double.PositiveInfinity, 0)]], schema);
        Assert.Contains("(Infinity) at feature 0 in row 1", Assert.Throws<DataFormatException>(() => new StandardScaler().SetInputCol("features").SetOutputCol("s").Fit(inf)).Message);
    }

    /// <summary>The first <paramref name="rows"/> letters records in the original UCI format: the letter, then 16 integers, no header.</summary>
    private static string UciLetters(int rows)
    {
        var lines = File.ReadLines(TestPaths.LettersCsv).Skip(1).Take(rows).Select(line =>
        {
            var fields = line.Split(',');
            return (char)('A' + int.Parse(fields[0])) + "," + string.Join(",", fields.Skip(1));
        });
        var path = Path.Combine(TestPaths.NewTempDir(), "letter-recognition.data");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void LabelThatFailedToCastNamesTheValueAndTheFileLine()
    {
        var raw = Session.Read().Option("inferSchema", true).Csv(UciLetters(200));
        var data = new VectorAssembler().SetInputCols(raw.Columns.Skip(1).ToArray()).SetOutputCol("features")
            .Transform(raw.WithColumn("label", Col("_c0").Cast("double")));
        var e = Assert.Throws<DataFormatException>(() => new LogisticRegression().SetMaxIter(5).Fit(data));
        Assert.Equal("Column 'label' is null in row 0 (file letter-recognition.data line 1: value 'T' could not be cast to double).", e.Message);

        var assembled = new VectorAssembler().SetInputCols("letter", "_c1").SetOutputCol("v")
            .Transform(raw.WithColumn("letter", Col("_c0").Cast("double")).Filter(Col("_c1") >= 0));
        var v = Assert.Throws<DataFormatException>(() => assembled.Collect());
        Assert.Contains("(file letter-recognition.data line 1: value 'T' could not be cast to double)", v.Message);
    }

    /// <summary>A CSV of id, x, label with labels 0/1 except <paramref name="badLabel"/> on data line <paramref name="badId"/>.</summary>
    private static DataFrame LabelledFile(int badId, string badLabel)
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"{i},{i % 7},{(i == badId ? badLabel : (i % 2).ToString())}");
        var path = Path.Combine(TestPaths.NewTempDir(), "labelled.csv");
        File.WriteAllLines(path, lines.Prepend("id,x,label"));
        var raw = Session.Read().Option("header", true).Option("inferSchema", true).Csv(path);
        return new VectorAssembler().SetInputCols("x").SetOutputCol("features").Transform(raw);
    }

    [Fact]
    public void LabelErrorsInATrainingSplitGiveTheFileLine()
    {
        var training = LabelledFile(badId: 250, badLabel: "0.5").Filter(Col("id") >= 200).Cache();
        var e = Assert.Throws<DataFormatException>(() => new LogisticRegression().SetMaxIter(5).Fit(training));
        Assert.Contains("has label 0.5 in row 50 (file labelled.csv line 252)", e.Message);

        var mlp = LabelledFile(badId: 180, badLabel: "4").Filter(Col("id") > 100);
        var m = Assert.Throws<DataFormatException>(() => new MultilayerPerceptronClassifier().SetLayers(1, 2).SetMaxIter(2).Fit(mlp));
        Assert.Contains("has label 4.0 in row 79 (file labelled.csv line 182)", m.Message);
    }
}
