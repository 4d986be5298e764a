using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// An ONNX file both runtimes load: a zoo architecture with seeded random weights exported by <see cref="OnnxExporter"/>,
/// or a user's file. <see cref="IncludesTop"/> is false when a zoo model was exported without its classifier;
/// <see cref="FixedBatch"/> is the batch size a file's input fixes, if any.
/// </summary>
internal sealed record BenchModel(string Name, string OnnxPath, bool IncludesTop, int[] ImageShape, int? FixedBatch = null)
{
    /// <summary>The zoo models <c>dlp bench nn</c> compares by default.</summary>
    public static readonly string[] DefaultNames = ["ResNet50", "InceptionV3", "VGG16", "MobileNetV2"];

    /// <summary>The seed of the random weights (fixed, so every run measures the same files).</summary>
    public const int WeightSeed = 1;

    /// <summary>
    /// The ONNX file for <paramref name="nameOrPath"/>: an existing <c>.onnx</c> file as is, or a zoo model written once
    /// to <paramref name="workFolder"/> (with its top when the export succeeds, otherwise without, as <paramref name="log"/> says).
    /// </summary>
    public static BenchModel Prepare(string nameOrPath, string workFolder, TextWriter log)
    {
        if (File.Exists(nameOrPath)) return FromFile(nameOrPath);
        var zoo = ZooCatalog.Find(nameOrPath)
            ?? throw new DlpException($"--model {nameOrPath}: neither an ONNX file nor a zoo model ({string.Join(", ", ZooCatalog.Names)}).");
        Directory.CreateDirectory(workFolder);
        foreach (bool top in new[] { true, false })
        {
            string path = Path.Combine(workFolder, $"{zoo.Name}-{(top ? "top" : "notop")}-seed{WeightSeed}.onnx");
            if (!File.Exists(path))
            {
                log.WriteLine($"Exporting {zoo.Name} ({(top ? "with" : "without")} top, seeded random weights) to {path} ...");
                try { Export(zoo, top, path); }
                catch (DlpException e) when (top)
                {
                    log.WriteLine($"{zoo.Name}: exporting the top failed ({e.Message}); benchmarking without it.");
                    continue;
                }
            }
            return new BenchModel(zoo.Name, path, top, [zoo.InputSize, zoo.InputSize, 3]);
        }
        throw new InvalidOperationException("unreachable: the export without top either succeeds or throws");
    }

    private static void Export(ZooModel zoo, bool top, string path)
    {
        string partial = path + ".partial";
        OnnxExporter.Save(zoo.Build(top, new SeededRandomWeights(WeightSeed)), partial);
        File.Move(partial, path, overwrite: true);
    }

    private static BenchModel FromFile(string path)
    {
        var input = OnnxImporter.Load(path).Inputs;
        if (input.Count != 1 || input[0].Shape.Length < 2 || input[0].Shape[1..].Any(d => d <= 0))
            throw new DlpException($"{path}: the bench needs one input with fixed dimensions after the batch; it has {string.Join(", ", input.Select(i => i.Name + " " + i.ShapeText))}.");
        string full = Path.GetFullPath(path);
        return new BenchModel(Path.GetFileName(Path.GetDirectoryName(full)) + "/" + Path.GetFileName(full), full, true, input[0].Shape[1..],
            input[0].Shape[0] > 0 ? input[0].Shape[0] : null);
    }
}
