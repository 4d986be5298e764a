using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

public class CreateDataFrameTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").GetOrCreate();

    public sealed record Address(string City, int? Zip);

    public sealed record Person(string Name, int Age, double? Score, Address? Home, string[] Tags, List<int?> Counts, Vector? Features, DateOnly Born);

    public sealed record Node(string Name, Node? Next);

    public sealed record WithDecimal(decimal Price);

    [Fact]
    public void InfersSchemaFromRecordPropertiesInDeclarationOrder()
    {
        var df = Session.CreateDataFrame(new[]
        {
            new Person("ann", 31, 1.5, new Address("Oslo", 150), ["a", "b"], [1, null], Vectors.Dense(1, 2), new DateOnly(1990, 1, 2)),
            new Person("bob", 25, null, null, [], [], null, new DateOnly(2000, 3, 4)),
        });
        Assert.Equal(
            "root\n |-- Name: string (nullable = false)\n |-- Age: integer (nullable = false)\n |-- Score: double (nullable = true)\n" +
            " |-- Home: struct (nullable = true)\n |    |-- City: string (nullable = false)\n |    |-- Zip: integer (nullable = true)\n" +
            " |-- Tags: array (nullable = false)\n |    |-- element: string (containsNull = false)\n" +
            " |-- Counts: array (nullable = false)\n |    |-- element: integer (containsNull = true)\n" +
            " |-- Features: vector (nullable = true)\n |-- Born: date (nullable = false)\n",
            df.Schema.TreeString());
        var rows = df.Collect();
        Assert.Equal("Oslo", ((Row)rows[0]["Home"]!)["City"]);
        Assert.Null(rows[1]["Home"]);
        Assert.Null(rows[1]["Score"]);
        Assert.Equal(["a", "b"], (object?[])rows[0]["Tags"]!);
        Assert.Equal([1, null], (object?[])rows[0]["Counts"]!);
        Assert.Equal(Vectors.Dense(1, 2), rows[0]["Features"]);
        Assert.Equal(new DateOnly(2000, 3, 4), rows[1]["Born"]);
        Assert.Equal(["Oslo", null], df.Select("Home.City").Collect().Select(r => r[0]));
        Assert.Equal(["a", "b"], df.Select(Explode(Col("Tags"))).Collect().Select(r => r[0]));
    }

    [Fact]
    public void NullInANonNullablePropertyFailsNamingIt()
    {
        var e = Assert.Throws<DataFormatException>(() => Session.CreateDataFrame(new[] { new Address(null!, 1) }));
        Assert.Contains("Address.City", e.Message);
    }

    [Fact]
    public void UnsupportedTypesAndCyclesFailWithTheProperty()
    {
        var e = Assert.Throws<SchemaException>(() => Session.CreateDataFrame(new[] { new WithDecimal(1m) }));
        Assert.Contains("WithDecimal.Price", e.Message);
        Assert.Contains("Decimal", e.Message);
        Assert.Contains("contains itself", Assert.Throws<SchemaException>(() => Session.CreateDataFrame(new[] { new Node("a", null) })).Message);
        Assert.Throws<SchemaException>(() => Session.CreateDataFrame(new[] { 1, 2 }));
    }

    [Fact]
    public void ToDFRenamesEveryColumnInOrder()
    {
        var df = Session.CreateDataFrame(new[] { new Address("Oslo", 150) }).ToDF("city", "zip");
        Assert.Equal(["city", "zip"], df.Columns);
        Assert.Equal(150, df.First()["zip"]);
        var e = Assert.Throws<SchemaException>(() => df.ToDF("only"));
        Assert.Contains("[city, zip]", e.Message);
    }
}
