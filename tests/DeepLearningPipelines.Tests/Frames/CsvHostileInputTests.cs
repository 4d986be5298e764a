using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>CSV input that is damaged or surprising: each gets a readable result or a message naming the problem.</summary>
public class CsvHostileInputTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    private static string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertNoControlCharacters(string message) =>
        Assert.DoesNotContain(message, c => char.IsControl(c) || c == '\uFEFF' || c == '\uFFFD');

    [Fact]
    public void ByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        var path = WriteBytes("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("lettr,x\n1,2\n3,4\n")]);
        var df = Session.Read().Option("header", true).Option("inferSchema", true).Csv(path);
        Assert.Equal(["lettr", "x"], df.Columns);
        Assert.Equal([1, 3], df.Select("lettr").Collect().Select(r => r.Get<int>(0)));

        var noHeader = Session.Read().Option("inferSchema", true).Csv(path).Collect();
        Assert.Equal("lettr", noHeader[0][0]);
    }

    [Fact]
    public void HeaderOnlyFileReadsAsNoRowsAndLaterTypeErrorsSaySo()
    {
        var path = WriteBytes("empty.csv", Encoding.UTF8.GetBytes("a,b\n"));
        var df = Session.Read().Option("header", true).Option("inferSchema", true).Csv(path);
        Assert.Equal(0, df.Count());
        Assert.All(df.Schema.Fields, f => Assert.Equal(DataTypes.String, f.DataType));

        var e = Assert.Throws<SchemaException>(() => new VectorAssembler().SetInputCols("a", "b").SetOutputCol("v").Transform(df.Select("a", "b")));
        Assert.Contains($"the CSV file {path} has no data rows", e.Message);
    }

    [Fact]
    public void BinaryFileIsRefusedWithoutEchoingItsBytes()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        bytes[0] = (byte)'a';
        var path = WriteBytes("random.csv", bytes);
        var e = Assert.Throws<DataFormatException>(() => Session.Read().Option("header", true).Option("inferSchema", true).Csv(path));
        Assert.Matches(@"random\.csv does not look like CSV text \(binary content at byte \d+\)", e.Message);
        AssertNoControlCharacters(e.Message);

        var nul = WriteBytes("nul.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n").Concat(new byte[] { 0, 1, 2 }).ToArray());
        Assert.Contains("binary content at byte 8", Assert.Throws<DataFormatException>(() => Session.Read().Csv(nul)).Message);
    }

    [Fact]
    public void MultiByteCharacterCutByTheSampleIsStillText()
    {
        var text = new string('a', 1023) + "é,1\n";
        var path = WriteBytes("cut.csv", Encoding.UTF8.GetBytes(text));
        Assert.Equal(1, Session.Read().Csv(path).Count());
    }

    [Fact]
    public void ControlCharactersInValuesAndColumnNamesAreEscapedInMessages()
    {
        var path = WriteBytes("ctl.csv", Encoding.UTF8.GetBytes("a\u0007b,n\nx\u0001\u001by,1\n"));
        var e = Assert.Throws<DataFormatException>(() => Session.Read().Schema("a STRING, n INT").Option("header", true).Option("mode", "FAILFAST")
            .Csv(WriteBytes("ctl2.csv", Encoding.UTF8.GetBytes("a,n\nq,\u0001\u001b2\n"))).Collect());
        Assert.Contains("\\u0001\\u001B2", e.Message);
        AssertNoControlCharacters(e.Message);

        var df = Session.Read().Option("header", true).Csv(path);
        var missing = Assert.Throws<SchemaException>(() => df.Select("nope"));
        Assert.Contains("a\\u0007b", missing.Message);
        AssertNoControlCharacters(missing.Message);
    }
}
