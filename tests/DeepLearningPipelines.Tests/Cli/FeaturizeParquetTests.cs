using DeepLearningPipelines.Tests.Frames.Oracle;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Cli;

/// <summary><c>dlp featurize --out x.parquet</c>: one Parquet file of (origin, features) that DuckDB reads.</summary>
public class FeaturizeParquetTests
{
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");

    [Fact]
    public void FeaturizeWritesAParquetFileDuckDbReads()
    {
        var folder = TestPaths.NewTempDir();
        var outFile = Path.Combine(folder, "features.parquet");
        var (code, _, stderr) = DlpProcess.Run("featurize", "--images", Path.Combine(Samples, "birds-planes"), "--model",
            Path.Combine(Samples, "models", "squeezenet1.1", "model.onnx"), "--bgr", "--feature-layer", "fire9/concat_1", "--out", outFile);
        Assert.True(code == 0, stderr);

        using var duck = new DuckDbOracle();
        var got = duck.Query($"""
            SELECT count(*), count(DISTINCT origin), min(len(features."values")), max(len(features."values")),
                   count(*) FILTER (WHERE features.type = 1 AND origin LIKE '%.jpg')
            FROM read_parquet('{outFile}')
            """).Single();
        Assert.Equal([60L, 60L, 512L, 512L, 60L], got.Select(Convert.ToInt64));
        Assert.Equal([outFile], Directory.GetFiles(folder));
    }
}
