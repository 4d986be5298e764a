using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>One stage for the common checks: how to build it, the data it runs on, and a column it cannot do without.</summary>
public sealed record StageCase(string Name, Func<PipelineStage> Create, Func<DataFrame> Data, string RequiredColumn)
{
    public override string ToString() => Name;

    private static readonly DlpSession Session = DlpSession.Builder().Master("local[2]").BatchSize(16).GetOrCreate();

    /// <summary>A small mixed-type frame: numeric features, a category, a string label and a vector column.</summary>
    public static DataFrame Mixed()
    {
        var schema = new StructType(
            new StructField("x1", DataTypes.Double), new StructField("x2", DataTypes.Integer),
            new StructField("cat", DataTypes.Integer), new StructField("word", DataTypes.String),
            new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.Double));
        var rng = new SplitMix64(7);
        var rows = Enumerable.Range(0, 120).Select(i =>
        {
            double a = rng.NextGaussian(), b = rng.NextGaussian();
            double label = a + 0.5 * b + 0.3 * rng.NextGaussian() > 0 ? 1 : 0;
            return new object?[] { a, i % 5, i % 3, new[] { "red", "green", "blue", "red" }[i % 4], Vectors.Dense(a, b, i % 3), label };
        });
        return Session.CreateDataFrame(rows, schema, numPartitions: 3);
    }

    /// <summary>The shared test photos as Spark's image column.</summary>
    public static DataFrame Photos() => Session.ReadImages(Path.Combine(SharedModels.Folder, "images"));

    /// <summary>Paths of three photos in a <c>uri</c> column.</summary>
    public static DataFrame PhotoPaths() => Session.CreateDataFrame(
        new[] { "chelsea.png", "coffee.png", "rocket.png" }.Select(n => new object?[] { SharedModels.Image(n) }),
        new StructType(new StructField("uri", DataTypes.String)));
}
