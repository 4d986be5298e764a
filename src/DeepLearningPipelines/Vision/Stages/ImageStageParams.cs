using DeepLearningPipelines.Nn.Zoo;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>The params every CNN stage shares: the model, how images are resized, and how files are fed.</summary>
public sealed class ImageStageParams
{
    internal ImageStageParams(Params owner, string defaultInterpolation)
    {
        ModelName = owner.Declare<string>("modelName", "a zoo model (InceptionV3, Xception, ResNet50, VGG16, VGG19, MobileNetV2, MobileNet…) or the path of an ONNX, TF.js model.json or Keras .h5 file", "InceptionV3", ParamValidators.NotEmpty());
        ResizeMode = owner.Declare<string>("resizeMode", "squash (whole image to the model size, as sparkdl) or centerCrop (keep aspect, crop the centre)", "squash", ParamValidators.InArray("squash", "centerCrop"));
        Interpolation = owner.Declare<string>("interpolation", "resampling: area, bilinear or nearest", defaultInterpolation, ParamValidators.InArray("area", "bilinear", "nearest"));
        BatchSize = owner.Declare<int>("batchSize", "images per CNN batch", 32, ParamValidators.Gt(0));
        InputSize = owner.Declare<int>("inputSize", "model files only: square input size (0 = from the model's input shape)", 0, ParamValidators.GtEq(0));
        Preprocessing = owner.Declare<string>("preprocessing", "model files only: none, caffe, tf or torch", "none", ParamValidators.InArray("none", "caffe", "tf", "torch"));
        Bgr = owner.Declare<bool>("bgr", "model files only: feed BGR instead of RGB", false);
        Engine = owner.Declare<string>("engine", "inference engine: onnxruntime or managed (unset: DLP_ENGINE, else onnxruntime)",
            default, ParamValidators.InArray([.. Engines.Names]));
        Device = owner.Declare<string>("device", "device the engine runs on: cpu or cuda (onnxruntime engine with the Microsoft.ML.OnnxRuntime.Gpu.Linux package; unset: DLP_DEVICE, else cpu)",
            default, ParamValidators.InArray([.. Devices.Names]));
    }

    public Param<string> ModelName { get; }
    public Param<string> ResizeMode { get; }
    public Param<string> Interpolation { get; }
    public Param<int> BatchSize { get; }
    public Param<int> InputSize { get; }
    public Param<string> Preprocessing { get; }
    public Param<bool> Bgr { get; }
    public Param<string> Engine { get; }
    public Param<string> Device { get; }

    /// <summary>The loaded model these params describe, from <paramref name="session"/>'s loaded models.</summary>
    internal ImageModel Model(Params owner, Frames.DlpSession session, bool withTop, string? featureLayer)
    {
        var name = owner.Get(ModelName);
        var fileOptions = ImageModels.IsZooName(name) ? null : new ImageModelFileOptions
        {
            Size = owner.Get(InputSize) is > 0 and var s ? s : null,
            Preprocessing = Enum.Parse<ImagePreprocessing>(owner.Get(Preprocessing), ignoreCase: true),
            Bgr = owner.Get(Bgr),
            FeatureLayer = featureLayer,
        };
        var (engine, device) = EngineAndDevice(owner);
        return ImageModels.Get(session, name, withTop, featureLayer, fileOptions, engine, device);
    }

    /// <summary>Fails when the chosen engine cannot run on the chosen device (the managed engine with <c>cuda</c>).</summary>
    internal void RequireEngineSupportsDevice(Params owner)
    {
        var (engine, device) = EngineAndDevice(owner);
        Devices.RequireSupported(engine, device);
    }

    private (Nn.Execution.Engine? Engine, string Device) EngineAndDevice(Params owner) => (
        owner.IsDefined(Engine) ? Engines.Parse(owner.Get(Engine)) : null,
        owner.IsDefined(Device) ? Devices.Parse(owner.Get(Device)) : Devices.Default);

    /// <summary>The resize the model needs under these params.</summary>
    internal ResizeOptions Resize(Params owner, ImageModelSpec spec) => new(spec.InputWidth, spec.InputHeight,
        owner.Get(ResizeMode) == "centerCrop" ? Imaging.ResizeMode.CenterCrop : Imaging.ResizeMode.Squash,
        Enum.Parse<Imaging.Interpolation>(owner.Get(Interpolation), ignoreCase: true));

    /// <summary>Checks the input column is Spark's image struct.</summary>
    internal static void RequireImageColumn(StructType schema, string column)
    {
        var t = schema[column].DataType;
        if (!Sources.ImageSchema.IsImageType(t))
            throw new SchemaException($"Column '{column}' must be Spark's image struct {Sources.ImageSchema.ColumnSchema.SimpleString} but was {t.SimpleString}.");
    }
}
