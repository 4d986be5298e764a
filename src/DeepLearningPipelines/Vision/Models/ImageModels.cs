using System.Collections.Concurrent;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Hdf5;
using DeepLearningPipelines.Nn.Keras.Tfjs;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// Loads image models by zoo name (through the <see cref="ModelRegistry"/>) or from a file, and keeps each loaded
/// model once per process so that pipelines, cross-validation folds and partitions share it.
/// </summary>
public static class ImageModels
{
    private static readonly ConcurrentDictionary<string, Lazy<ImageModel>> Loaded = new(StringComparer.Ordinal);

    /// <summary>The registry used for zoo names (from <c>DLP_MODELS</c> by default).</summary>
    public static ModelRegistry Registry { get; set; } = ModelRegistry.FromEnvironment();

    /// <summary>True when <paramref name="nameOrPath"/> names a zoo model rather than a file.</summary>
    public static bool IsZooName(string nameOrPath) => ZooCatalog.Find(nameOrPath) is not null && !File.Exists(nameOrPath);

    /// <summary>
    /// A zoo model (<paramref name="withTop"/>: the ImageNet classifier; otherwise the feature extractor, optionally at
    /// another <paramref name="featureLayer"/>) or a model file.
    /// </summary>
    public static ImageModel Get(string nameOrPath, bool withTop, string? featureLayer = null, ImageModelFileOptions? fileOptions = null)
    {
        string key = $"{nameOrPath}|{withTop}|{featureLayer}|{fileOptions}";
        return Loaded.GetOrAdd(key, _ => new Lazy<ImageModel>(() => IsZooName(nameOrPath)
            ? FromZoo(ZooCatalog.Get(nameOrPath), withTop, featureLayer)
            : FromFile(nameOrPath, fileOptions ?? new ImageModelFileOptions { FeatureLayer = featureLayer }))).Value;
    }

    /// <summary>Drops every loaded model (they are rebuilt on next use).</summary>
    public static void Clear()
    {
        foreach (var m in Loaded.Values.Where(l => l.IsValueCreated)) m.Value.Dispose();
        Loaded.Clear();
    }

    private static ImageModel FromZoo(ZooModel model, bool withTop, string? featureLayer)
    {
        string feature = featureLayer ?? (withTop ? model.OutputLayer : model.FeatureLayer);
        var outputs = new[] { feature, withTop ? model.OutputLayer : feature }.Distinct().ToArray();
        var graph = Registry.Load(model.Name, withTop, outputs);
        bool caffe = model.Preprocessing == ImagePreprocessing.Caffe;
        // A NuGet-shipped ONNX model takes NCHW RGB pixels 0–255, as ML.NET's ExtractPixels gives them, and preprocesses in its graph.
        var spec = model.Package is not null
            ? new ImageModelSpec(model.Name, model.InputSize, model.InputSize, TensorLayout.Nchw, ChannelOrder.Rgb, Preprocessing.None, feature, TensorLayout.Nchw, null)
            : new ImageModelSpec(model.Name, model.InputSize, model.InputSize, TensorLayout.Nhwc, caffe ? ChannelOrder.Bgr : ChannelOrder.Rgb,
                ToVision(model.Preprocessing), feature, TensorLayout.Nhwc, withTop ? model.OutputLayer : null);
        return new ImageModel(graph, spec);
    }

    /// <summary>Maps the zoo's Keras preprocessing mode to the resizer's.</summary>
    public static Preprocessing ToVision(ImagePreprocessing mode) => mode switch
    {
        ImagePreprocessing.Caffe => Preprocessing.Caffe,
        ImagePreprocessing.Tf => Preprocessing.Tf,
        ImagePreprocessing.None => Preprocessing.None,
        _ => Preprocessing.Torch,
    };

    private static ImageModel FromFile(string path, ImageModelFileOptions o)
    {
        if (!File.Exists(path))
            throw new ModelFormatException($"Model file {Path.GetFullPath(path)} does not exist, and '{path}' is not a zoo model ({string.Join(", ", ZooCatalog.Names)}).");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        var layers = o.FeatureLayer is null ? null : new[] { o.FeatureLayer };
        ModelGraph graph = ext switch
        {
            ".onnx" => OnnxImporter.Load(path),
            ".json" => TfjsModel.Load(path).ToGraph(layers),
            ".h5" or ".hdf5" or ".keras" => KerasHdf5Model.Load(path, layers),
            _ => throw new ModelFormatException($"Unknown model file type '{ext}' for {path}; use .onnx, a TF.js model.json or a Keras .h5 file."),
        };
        bool keras = ext != ".onnx";
        graph.MakeBatchDynamic();
        if (graph.Inputs.Count != 1 || graph.Inputs[0].Shape.Length != 4)
            throw new ModelFormatException($"Model {path} must have one image input of rank 4, but has inputs {string.Join(", ", graph.Inputs.Select(i => i.Name + " " + i.ShapeText))}.");
        var shape = graph.Inputs[0].Shape;
        var layout = shape[1] == 3 ? TensorLayout.Nchw : shape[3] == 3 ? TensorLayout.Nhwc
            : throw new ModelFormatException($"Model {path}: input {graph.Inputs[0].ShapeText} has no 3-channel axis (expected [N,3,H,W] or [N,H,W,3]).");
        int h = layout == TensorLayout.Nchw ? shape[2] : shape[1], w = layout == TensorLayout.Nchw ? shape[3] : shape[2];
        if (o.Size is { } size) (h, w) = (size, size);
        if (h <= 0 || w <= 0) throw new ModelFormatException($"Model {path} has a dynamic input size {graph.Inputs[0].ShapeText}; give the size (--size).");
        string feature = o.FeatureLayer ?? graph.Outputs[0].Name;
        var spec = new ImageModelSpec(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) + "/" + Path.GetFileName(path), h, w, layout,
            o.Bgr ? ChannelOrder.Bgr : ChannelOrder.Rgb, o.Preprocessing, feature, keras ? TensorLayout.Nhwc : TensorLayout.Nchw,
            keras && o.FeatureLayer is not null ? null : graph.Outputs[0].Name);
        return new ImageModel(graph, spec);
    }
}
