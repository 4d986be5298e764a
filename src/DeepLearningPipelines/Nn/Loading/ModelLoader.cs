using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Nn.Loading;

/// <summary>
/// The one loader of models named by a user: an ONNX file, a TF.js <c>model.json</c> or its folder, a Keras HDF5 file
/// (<c>.h5</c>, <c>.hdf5</c>, <c>.keras</c>), or a zoo name resolved through the <see cref="ModelRegistry"/>. Errors
/// name the file. Keras 3 <c>.keras</c> archives (zip) are refused with a message saying how to convert them.
/// </summary>
public static class ModelLoader
{
    private static readonly byte[] ZipSignature = "PK\u0003\u0004"u8.ToArray();

    /// <summary>The runtime graph of <paramref name="nameOrPath"/>: an existing file or folder, else a zoo model.</summary>
    public static ModelGraph Load(string nameOrPath, ModelLoadOptions? options = null)
    {
        options ??= new ModelLoadOptions();
        if (File.Exists(nameOrPath) || Directory.Exists(nameOrPath)) return LoadFile(nameOrPath, options.OutputLayers);
        var zoo = ZooCatalog.Find(nameOrPath)
            ?? throw new ModelFormatException($"Model file {Path.GetFullPath(nameOrPath)} does not exist, and '{nameOrPath}' is not a zoo model ({string.Join(", ", ZooCatalog.Names)}).");
        return LoadZoo(zoo, options);
    }

    /// <summary>True when <paramref name="zoo"/> has an ImageNet classifier top.</summary>
    public static bool HasTop(ZooModel zoo) => zoo.OutputLayer.Length > 0;

    /// <summary>The file a path names: itself, or the <c>model.json</c> inside a folder.</summary>
    public static string ResolveFile(string path)
    {
        if (!Directory.Exists(path)) return Path.GetFullPath(path);
        string json = Path.GetFullPath(Path.Combine(path, "model.json"));
        return File.Exists(json) ? json
            : throw new ModelFormatException($"Model folder {Path.GetFullPath(path)} has no model.json (a TF.js layers export).");
    }

    /// <summary>The format of model file <paramref name="path"/> (a folder: its <c>model.json</c>), from its extension and, for <c>.keras</c>, its content.</summary>
    public static ModelFileFormat FormatOf(string path)
    {
        string file = ResolveFile(path);
        return Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".onnx" => ModelFileFormat.Onnx,
            ".json" => ModelFileFormat.TfjsLayers,
            ".h5" or ".hdf5" => ModelFileFormat.KerasHdf5,
            ".keras" when IsZip(file) => throw new ModelFormatException(
                $"{file} is a Keras 3 .keras archive (zip), which this runtime does not read; in Keras save the model as HDF5 (model.save(\"model.h5\")) or export it to ONNX (tf2onnx) or TF.js (tensorflowjs_converter).")  ,
            ".keras" => ModelFileFormat.KerasHdf5,
            var other => throw new ModelFormatException(
                $"{file}: unknown model file type '{other}'; use an .onnx file, a TF.js model.json (or its folder) or a Keras .h5/.hdf5/.keras file."),
        };
    }

    /// <summary>
    /// The graph of model file <paramref name="path"/>; Keras formats return the outputs of <paramref name="outputLayers"/>
    /// (null: the model's outputs), an ONNX file keeps its own.
    /// </summary>
    public static ModelGraph LoadFile(string path, IReadOnlyList<string>? outputLayers = null)
    {
        string file = ResolveFile(path);
        if (!File.Exists(file)) throw new ModelFormatException($"Model file {file} does not exist.");
        var format = FormatOf(file);
        try
        {
            var graph = format switch
            {
                ModelFileFormat.Onnx => OnnxImporter.Load(file),
                ModelFileFormat.TfjsLayers => TfjsModel.Load(file).ToGraph(outputLayers),
                _ => KerasHdf5Model.Load(file, outputLayers),
            };
            CheckInputSizes(graph, file);
            return graph;
        }
        catch (ModelFormatException e) when (!e.Message.Contains(Path.GetFileName(file), StringComparison.Ordinal))
        {
            throw new ModelFormatException($"{file}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
        {
            throw new ModelFormatException($"{file}: cannot read it as {format}: {e.Message}", e);
        }
    }

    private static ModelGraph LoadZoo(ZooModel zoo, ModelLoadOptions options)
    {
        var registry = options.Registry ?? ModelRegistry.FromEnvironment();
        bool top = options.IncludeTop ?? HasTop(zoo);
        bool random = zoo.Package is null && options.ZooWeights switch
        {
            ZooWeights.SeededRandom => true,
            ZooWeights.SeededRandomWhenAbsent => !registry.IsPresent(zoo.Name, top),
            _ => false,
        };
        return random
            ? zoo.Build(top, new SeededRandomWeights(options.Seed), options.OutputLayers)
            : registry.Load(zoo.Name, top, options.OutputLayers);
    }

    /// <summary>Refuses inputs whose one-image tensor (dynamic dimensions taken as 1) is larger than a tensor can hold.</summary>
    private static void CheckInputSizes(ModelGraph graph, string file)
    {
        foreach (var input in graph.Inputs)
        {
            double values = input.Shape.Aggregate(1.0, (n, d) => n * Math.Max(d, 1));
            if (values > Array.MaxLength)
                throw new ModelFormatException($"{file}: input '{input.Name}' {input.ShapeText} needs {values:G3} values per image, more than a tensor can hold ({Array.MaxLength:N0}).");
        }
    }

    private static bool IsZip(string file)
    {
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual(ZipSignature);
    }
}
