using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

public class NestedFieldTests
{
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(2).GetOrCreate();

    private static readonly StructType Address = new(new StructField("city", DataTypes.String), new StructField("zip", DataTypes.Integer));
    private static readonly StructType Person = new(new StructField("name", DataTypes.String), new StructField("address", Address));
    private static readonly StructType Schema = new(new StructField("id", DataTypes.Integer), new StructField("person", Person));

    private static Row P(string name, string? city, int? zip) => new(Person, name, city is null && zip is null ? null : new Row(Address, city, zip));

    private static DataFrame People() => Session.CreateDataFrame(new[]
    {
        new object?[] { 1, P("ann", "Oslo", 150) },
        new object?[] { 2, P("bob", "Bergen", 500) },
        new object?[] { 3, null },
        new object?[] { 4, P("dee", "Oslo", 151) },
        new object?[] { 5, P("eve", null, null) },
    }, Schema, numPartitions: 2);

    [Fact]
    public void DottedNameSelectsNestedFieldNamedAfterTheLastPart()
    {
        var df = People().Select("id", "person.name", "person.address.city");
        Assert.Equal(["id", "name", "city"], df.Columns);
        Assert.Equal(DataTypes.String, df.Schema["city"].DataType);
        var rows = df.Collect();
        Assert.Equal(["ann", "bob", null, "dee", "eve"], rows.Select(r => r["name"]));
        Assert.Equal(["Oslo", "Bergen", null, "Oslo", null], rows.Select(r => r["city"]));
    }

    [Fact]
    public void DottedNamesInsideExpressionsKeepTheirPath()
    {
        var df = People().Select(Upper(Col("person.name")), Col("person.address.zip") + 1, Col("person.address.city").Alias("town"));
        Assert.Equal(["upper(person.name)", "(person.address.zip + 1)", "town"], df.Columns);
        Assert.Equal(["ANN", 151, "Oslo"], df.First().Values());
    }

    [Fact]
    public void IndexerAndGetFieldAreNamedWithTheWholePath()
    {
        var df = People().Select(Col("person")["address"]["zip"], Col("person").GetField("name"));
        Assert.Equal(["person.address.zip", "person.name"], df.Columns);
        Assert.Equal([150, 500, null, 151, null], df.Collect().Select(r => r[0]));
    }

    [Fact]
    public void NestedFieldsWorkInFilterWithColumnGroupByAndOrderBy()
    {
        var df = People();
        var rows = df.Filter(df["person.address.city"].EqualTo("Oslo"))
            .WithColumn("zip2", Col("person.address.zip") * 2)
            .OrderBy(Col("person.address.zip").Desc())
            .Collect();
        Assert.Equal([4, 1], rows.Select(r => r.Get<int>("id")));
        Assert.Equal([302, 300], rows.Select(r => r.Get<int>("zip2")));
        var counts = df.GroupBy("person.address.city").Count().OrderBy("city").Collect();
        Assert.Equal(["city", "count"], counts[0].Schema.FieldNames);
        Assert.Equal([(null, 2L), ("Bergen", 1L), ("Oslo", 2L)], counts.Select(r => ((string?)r["city"], (long)r["count"]!)));
    }

    [Fact]
    public void StarExpandsStructFieldsAndAllColumns()
    {
        var df = People().Select("person.*");
        Assert.Equal(["name", "address"], df.Columns);
        Assert.Equal(Address, df.Schema["address"].DataType);
        Assert.Equal(["id", "person", "id"], People().Select(Col("*"), Col("id")).Columns);
        Assert.Equal(["city", "zip"], People().Select("person.address.*").Columns);
    }

    [Fact]
    public void BackquotesReferToTopLevelColumnsWithDots()
    {
        var schema = new StructType(new StructField("a.b", DataTypes.Integer), new StructField("c`d", DataTypes.Integer));
        var df = Session.CreateDataFrame(new[] { new object?[] { 7, 8 } }, schema);
        var row = df.Select(Col("`a.b`"), Col("`c``d`") + 1).First();
        Assert.Equal(["a.b", "(c`d + 1)"], row.Schema.FieldNames);
        Assert.Equal(7, row[0]);
        Assert.Equal(9, row[1]);
        var e = Assert.Throws<SchemaException>(() => df.Select("a.b"));
        Assert.Contains("`a.b`", e.Message);
        Assert.Throws<SchemaException>(() => df.Select("`a.b"));
    }

    [Fact]
    public void MissingFieldErrorListsTheStructFields()
    {
        var e = Assert.Throws<SchemaException>(() => People().Select("person.address.street"));
        Assert.Contains("'street'", e.Message);
        Assert.Contains("[city, zip]", e.Message);
        var notStruct = Assert.Throws<SchemaException>(() => People()["id.x"]);
        Assert.Contains("only struct columns have fields", notStruct.Message);
        Assert.Throws<SchemaException>(() => People().Select("id.*"));
        Assert.Throws<SchemaException>(() => People().Filter(Col("person.*").IsNull()));
    }

    [Fact]
    public void ImageColumnFieldsOfARealImageFolder()
    {
        var images = Session.ReadImages(Path.Combine(TestPaths.Shared, "data", "birds-planes"), new ImageReadOptions { Recursive = true, DropInvalid = true });
        var df = images.Select("image.origin", "image.width");
        Assert.Equal(["origin", "width"], df.Columns);
        Assert.Equal([("origin", "string"), ("width", "int")], df.DTypes);
        var selected = df.Collect();
        var whole = images.Collect().Select(r => (Row)r["image"]!).ToArray();
        Assert.Equal(60, selected.Length);
        Assert.Equal(whole.Select(ImageSchema.Origin), selected.Select(r => (string)r["origin"]!));
        Assert.Equal(whole.Select(i => ImageSchema.ToImage(i).Width), selected.Select(r => r.Get<int>("width")));
        Assert.All(selected, r => Assert.EndsWith(".jpg", (string)r["origin"]!));
        Assert.Equal(["origin", "height", "width", "nChannels", "mode", "data"], images.Select("image.*").Columns);
    }
}
