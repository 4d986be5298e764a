namespace DeepLearningPipelines.Bench;

/// <summary>The benchmarks, by name.</summary>
internal static class BenchCatalog
{
    private static readonly Dictionary<string, Func<string[], int>> Benches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ml"] = Ml.MlFitBenchmark.Run,
        ["csv-fit"] = Frames.CsvToFitBenchmark.Run,
        ["images"] = Images.ImagePipelineBenchmark.Run,
        ["images-one"] = Images.ImagePipelineBenchmark.RunOne,
        ["sgemm-width"] = Gemm.SgemmWidthBenchmark.Run,
        ["parquet"] = Parquet.ParquetLibraryBenchmark.Run,
        ["train"] = Training.TrainBenchmark.Run,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Benches.TryGetValue(args[0], out var bench))
        {
            Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/DeepLearningPipelines.Bench -- <{string.Join("|", Benches.Keys)}> [options]");
            return 2;
        }
        return bench(args[1..]);
    }
}
