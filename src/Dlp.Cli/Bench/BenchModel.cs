using System.Security.Cryptography;
using System.Text;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// An ONNX file both runtimes load: a user's <c>.onnx</c> file as is, or a model read by <see cref="ModelLoader"/> (a
/// Keras or TF.js file, a Keras zoo architecture with seeded random weights, a NuGet-shipped zoo model with its packaged
/// weights) exported by <see cref="OnnxExporter"/>. <see cref="IncludesTop"/> is false when a zoo model was exported
/// without its classifier; <see cref="FixedBatch"/> is the batch size a file's input fixes, if any.
/// </summary>
internal sealed record BenchModel(string Name, string OnnxPath, bool IncludesTop, int[] ImageShape, int? FixedBatch = null)
{
    /// <summary>The zoo models <c>dlp bench nn</c> compares by default.</summary>
    public static readonly string[] DefaultNames = ["ResNet50", "InceptionV3", "VGG16", "MobileNetV2"];

    /// <summary>The seed of the random weights (fixed, so every run measures the same files).</summary>
    public const int WeightSeed = 1;

    /// <summary>
    /// The ONNX file for <paramref name="nameOrPath"/>: an existing <c>.onnx</c> file as is, another model file exported
    /// to <paramref name="workFolder"/>, or a zoo model written once there (with its top when it has one and the export
    /// succeeds, otherwise without, as <paramref name="log"/> says).
    /// </summary>
    public static BenchModel Prepare(string nameOrPath, string workFolder, TextWriter log)
    {
        if (File.Exists(nameOrPath) || Directory.Exists(nameOrPath))
        {
            string file = ModelLoader.ResolveFile(nameOrPath);
            if (ModelLoader.FormatOf(file) == ModelFileFormat.Onnx) return FromOnnx(file, file);
            string exported = Path.Combine(workFolder, $"{Path.GetFileNameWithoutExtension(file)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file)))[..12]}.onnx");
            log.WriteLine($"Exporting {file} to {exported} ...");
            Export(ModelLoader.LoadFile(file), exported);
            return FromOnnx(exported, file);
        }
        var zoo = ZooCatalog.Find(nameOrPath)
            ?? throw new DlpException($"--model {nameOrPath}: neither a model file nor a zoo model ({string.Join(", ", ZooCatalog.Names)}).");
        foreach (bool top in ModelLoader.HasTop(zoo) ? new[] { true, false } : [false])
        {
            string weights = zoo.Package is null ? $"seed{WeightSeed}" : "packaged";
            string path = Path.Combine(workFolder, $"{zoo.Name}-{(top ? "top" : "notop")}-{weights}.onnx");
            if (!File.Exists(path))
            {
                log.WriteLine($"Exporting {zoo.Name} ({(top ? "with" : "without")} top, {(zoo.Package is null ? "seeded random" : "packaged")} weights) to {path} ...");
                var options = new ModelLoadOptions { IncludeTop = top, ZooWeights = ZooWeights.SeededRandom, Seed = WeightSeed };
                try { Export(ModelLoader.Load(zoo.Name, options), path); }
                catch (DlpException e) when (top)
                {
                    log.WriteLine($"{zoo.Name}: exporting the top failed ({e.Message}); benchmarking without it.");
                    continue;
                }
            }
            return FromOnnx(path, zoo.Name) with { IncludesTop = top };
        }
        throw new InvalidOperationException("unreachable: the export without top either succeeds or throws");
    }

    private static void Export(ModelGraph graph, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string partial = path + ".partial";
        OnnxExporter.Save(graph, partial);
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The bench model of ONNX file <paramref name="onnxPath"/>, shown as <paramref name="source"/> (a zoo name or the file it came from).</summary>
    private static BenchModel FromOnnx(string onnxPath, string source)
    {
        var input = ModelLoader.LoadFile(onnxPath).Inputs;
        if (input.Count != 1 || input[0].Shape.Length < 2 || input[0].Shape[1..].Any(d => d <= 0))
            throw new DlpException($"{source}: the bench needs one input with fixed dimensions after the batch; it has {string.Join(", ", input.Select(i => i.Name + " " + i.ShapeText))}.");
        string name = File.Exists(source) ? Path.GetFileName(Path.GetDirectoryName(source)) + "/" + Path.GetFileName(source) : source;
        return new BenchModel(name, onnxPath, true, input[0].Shape[1..], input[0].Shape[0] > 0 ? input[0].Shape[0] : null);
    }
}
