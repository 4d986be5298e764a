using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Models;

/// <summary>
/// Loads image models by zoo name (through the session's <see cref="ModelRegistry"/>) or from a file, and keeps each
/// loaded model once per session (<see cref="LoadedImageModels"/>) so that pipelines, cross-validation folds and
/// partitions share it. Models are identified by the SHA-256 of their weights files
/// (<see cref="ImageModelSpec.WeightsSha256"/>); the overloads without a session use <see cref="DlpSession.Active"/>.
/// </summary>
public static class ImageModels
{
    /// <summary>The models <paramref name="session"/> has loaded, with its registry (from <c>DLP_MODELS</c> by default).</summary>
    public static LoadedImageModels For(DlpSession session) =>
        session.Services.GetOrAdd(() => new LoadedImageModels(ModelRegistry.FromEnvironment()));

    /// <summary>The registry the active session uses for zoo names (from <c>DLP_MODELS</c> by default).</summary>
    public static ModelRegistry Registry
    {
        get => For(DlpSession.Active).Registry;
        set => For(DlpSession.Active).Registry = value;
    }

    /// <summary>True when <paramref name="nameOrPath"/> names a zoo model rather than a file.</summary>
    public static bool IsZooName(string nameOrPath) => ZooCatalog.Find(nameOrPath) is not null && !File.Exists(nameOrPath) && !Directory.Exists(nameOrPath);

    /// <summary>
    /// A zoo model (<paramref name="withTop"/>: the ImageNet classifier; otherwise the feature extractor, optionally at
    /// another <paramref name="featureLayer"/>) or a model file (read by <see cref="ModelLoader"/>), run within the
    /// session's parallelism by <paramref name="engine"/> (null: <see cref="Engines.Default"/>) on <paramref name="device"/>
    /// (null: <see cref="Devices.Default"/>).
    /// </summary>
    public static ImageModel Get(string nameOrPath, bool withTop, string? featureLayer = null, ImageModelFileOptions? fileOptions = null, Engine? engine = null, string? device = null) =>
        Get(DlpSession.Active, nameOrPath, withTop, featureLayer, fileOptions, engine, device);

    /// <summary>
    /// As <see cref="Get(string, bool, string?, ImageModelFileOptions?, Engine?, string?)"/>, from <paramref name="session"/>'s loaded
    /// models and registry; a model whose weights files changed on disk since it was loaded is loaded again.
    /// </summary>
    public static ImageModel Get(DlpSession session, string nameOrPath, bool withTop, string? featureLayer = null, ImageModelFileOptions? fileOptions = null, Engine? engine = null, string? device = null)
    {
        device = Devices.Resolve(device);
        Devices.RequireSupported(engine, device);
        var models = For(session);
        bool zoo = IsZooName(nameOrPath);
        var registry = models.Registry;
        var weights = zoo ? ModelWeightFiles.OfZoo(registry, nameOrPath, withTop) : ModelWeightFiles.OfFile(ModelLoader.ResolveFile(nameOrPath));
        string key = $"{nameOrPath}|{withTop}|{featureLayer}|{fileOptions}|{engine?.ToString() ?? "default " + Engines.Default}|{device}";
        return models.GetOrLoad(key, weights?.Identity ?? "absent", () => zoo
            ? FromZoo(registry, ZooCatalog.Get(nameOrPath), withTop, featureLayer, engine, device, session.LocalParallelism)
            : FromFile(nameOrPath, fileOptions ?? new ImageModelFileOptions { FeatureLayer = featureLayer }, engine, device, session.LocalParallelism));
    }

    /// <summary>Drops every model the active session loaded (they are rebuilt on next use).</summary>
    public static void Clear() => For(DlpSession.Active).Clear();

    private static ImageModel FromZoo(ModelRegistry registry, ZooModel model, bool withTop, string? featureLayer, Engine? engine, string device, int parallelism)
    {
        string feature = featureLayer ?? (withTop ? model.OutputLayer : model.FeatureLayer);
        var outputs = new[] { feature, withTop ? model.OutputLayer : feature }.Distinct().ToArray();
        var graph = registry.Load(model.Name, withTop, outputs);
        var weights = ModelWeightFiles.OfZoo(registry, model.Name, withTop)
            ?? throw new ModelWeightsNotFoundException($"The weights of {model.Name} were loaded but are no longer in {registry.Options.ModelsDirectory}; were they moved or deleted meanwhile?");
        bool caffe = model.Preprocessing == ImagePreprocessing.Caffe;
        // A NuGet-shipped ONNX model takes NCHW RGB pixels 0–255, as ML.NET's ExtractPixels gives them, and preprocesses in its graph.
        var spec = model.Package is not null
            ? new ImageModelSpec(model.Name, model.InputSize, model.InputSize, TensorLayout.Nchw, ChannelOrder.Rgb, ImagePreprocessing.None, feature, TensorLayout.Nchw, null, weights.Sha256())
            : new ImageModelSpec(model.Name, model.InputSize, model.InputSize, TensorLayout.Nhwc, caffe ? ChannelOrder.Bgr : ChannelOrder.Rgb,
                model.Preprocessing, feature, TensorLayout.Nhwc, withTop ? model.OutputLayer : null, weights.Sha256());
        return new ImageModel(graph, spec, parallelism, engine, device);
    }

    private static ImageModel FromFile(string path, ImageModelFileOptions o, Engine? engine, string device, int parallelism)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new ModelFormatException($"Model file {Path.GetFullPath(path)} does not exist, and '{path}' is not a zoo model ({string.Join(", ", ZooCatalog.Names)}).");
        var layers = o.FeatureLayer is null ? null : new[] { o.FeatureLayer };
        var graph = ModelLoader.LoadFile(path, layers);
        bool keras = ModelLoader.FormatOf(path) != ModelFileFormat.Onnx;
        path = ModelLoader.ResolveFile(path);
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
            keras && o.FeatureLayer is not null ? null : graph.Outputs[0].Name, ModelWeightFiles.OfFile(path).Sha256());
        return new ImageModel(graph, spec, parallelism, engine, device);
    }
}
