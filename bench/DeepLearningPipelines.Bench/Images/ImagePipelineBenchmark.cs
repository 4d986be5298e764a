using System.Diagnostics;
using System.Globalization;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Sources;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Bench.Images;

/// <summary>
/// End-to-end featurization (list → read → decode → resize → CNN → write) against the CNN alone on the same images,
/// and peak memory while featurizing a growing number of generated images (it should stay flat).
/// Usage: <c>images [MODEL] [COUNTS…]</c>; MODEL is a zoo name or a model file (default: the bundled SqueezeNet).
/// Each count runs in a fresh process, so its peak working set is its own.
/// </summary>
internal static class ImagePipelineBenchmark
{
    public static int Run(string[] args)
    {
        string root = Ml.MlFitBenchmark.FindRoot();
        string model = args.Length > 0 ? args[0] : Path.Combine(root, "samples", "models", "squeezenet1.1", "model.onnx");
        var counts = args.Length > 1 ? args[1..] : ["500", "10000"];
        Console.WriteLine($"model {Path.GetFileName(model)}; generated 256x256 PNG photo-like images; 2 cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{"images",8}{"end-to-end img/s",18}{"CNN-only img/s",16}{"overhead",10}{"peak MB",9}");
        foreach (var n in counts)
        {
            var psi = new ProcessStartInfo("dotnet", [typeof(ImagePipelineBenchmark).Assembly.Location, "images-one", model, n]) { RedirectStandardOutput = true };
            using var child = Process.Start(psi)!;
            Console.WriteLine(child.StandardOutput.ReadToEnd().TrimEnd());
            child.WaitForExit();
            if (child.ExitCode != 0) return child.ExitCode;
        }
        return 0;
    }

    /// <summary>One measurement (run in its own process by <see cref="Run"/>): prints one table row.</summary>
    public static int RunOne(string[] args)
    {
        string model = args[0];
        int n = int.Parse(args[1], CultureInfo.InvariantCulture);
        var featurizer = new DeepImageFeaturizer().SetModelName(model).SetUseCache(false).SetBatchSize(32);
        if (File.Exists(model)) featurizer.SetBgr(true).SetFeatureLayer("fire9/concat_1");
        var session = DlpSession.Builder().Master("local[2]").GetOrCreate();
        var dir = Generate(n);
        var outDir = Path.Combine(Path.GetTempPath(), "dlp-bench-features-" + n);
        var watch = Stopwatch.StartNew();
        featurizer.Transform(session.ReadImages(dir, new ImageReadOptions { BatchSize = 32 })).Select("features").Write().Mode("overwrite").Json(outDir);
        double e2e = n / watch.Elapsed.TotalSeconds;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        double cnn = CnnOnly(featurizer, dir, Math.Min(n, 512));
        Console.WriteLine($"{n,8}{e2e,18:F1}{cnn,16:F1}{1 - e2e / cnn,10:P1}{peak / (1 << 20),9}");
        Directory.Delete(outDir, true);
        return 0;
    }

    /// <summary>Images/s of the CNN alone: the same images decoded and resized beforehand, fed in concurrent batches of 32.</summary>
    private static double CnnOnly(DeepImageFeaturizer featurizer, string dir, int count)
    {
        var name = featurizer.Get(featurizer.Image.ModelName);
        var imageModel = ImageModels.Get(name, false, featurizer.FeatureLayer,
            File.Exists(name) ? new ImageModelFileOptions { Bgr = true, FeatureLayer = featurizer.FeatureLayer } : null);
        var spec = imageModel.Spec;
        var resize = new ResizeOptions(spec.InputWidth, spec.InputHeight);
        var images = Directory.GetFiles(dir).Take(count).Select(f => ImageResizer.Resize(ImageDecoder.Decode(File.ReadAllBytes(f), f), resize)).ToArray();
        imageModel.Features(images.Take(32).ToArray(), resize, false);
        var watch = Stopwatch.StartNew();
        // As many batches in flight as the model allows, as the partitions of the end-to-end run have.
        Parallel.ForEach(images.Chunk(32), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk => imageModel.Features(chunk, resize, false));
        return images.Length / watch.Elapsed.TotalSeconds;
    }

    private static string Generate(int n)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"dlp-bench-images-{n}");
        if (Directory.Exists(dir) && Directory.GetFiles(dir).Length == n) return dir;
        Directory.CreateDirectory(dir);
        Parallel.For(0, n, i =>
        {
            var rng = new Core.SplitMix64(i);
            var img = new ImageData(256, 256, 3);
            double fx = rng.NextDouble() * 0.1, fy = rng.NextDouble() * 0.1;
            for (int y = 0; y < 256; y++)
                for (int x = 0; x < 256; x++)
                    for (int c = 0; c < 3; c++)
                        img.Pixels[(y * 256 + x) * 3 + c] = (byte)(127 + 100 * Math.Sin(fx * x * (c + 1) + fy * y) + rng.NextDouble() * 20);
            File.WriteAllBytes(Path.Combine(dir, $"img-{i:D6}.png"), PngEncoder.Encode(img, System.IO.Compression.CompressionLevel.Fastest));
        });
        return dir;
    }
}
