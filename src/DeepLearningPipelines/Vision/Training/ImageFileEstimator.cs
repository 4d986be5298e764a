using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Trains an image classifier, as sparkdl's <c>KerasImageFileEstimator</c>: the input column holds image paths or URIs
/// (read by <see cref="ImageLoader"/>) or Spark's image structs; the labels are class indices or one-hot vectors. The
/// network is a pretrained model with a new softmax head (<see cref="ModelName"/>; by default only the head trains,
/// see <see cref="FineTuneFrom"/>), a C# <see cref="Network"/>, or a layer spec trained from scratch on
/// <see cref="InputSize"/>-pixel images. Images are squashed to the network's size with bilinear resampling and fed as
/// RGB 0–255 (the layer-spec network scales by 1/255 itself). Fit returns an <see cref="ImageFileModel"/>, usable as an
/// <c>ImageFileTransformer</c>: it appends the class probabilities.
/// </summary>
public sealed class ImageFileEstimator : NetworkEstimator<ImageFileModel>
{
    public ImageFileEstimator(string? uid = null) : base(uid, "conv32-pool-conv64-pool-dense128")
    {
        InputColParam = Declare<string>("inputCol", "input column of image paths or file URIs, or of Spark's image structs", "uri", ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "output vector column of the fitted model: class probabilities", "predictions", ParamValidators.NotEmpty());
        ModelNameParam = Declare<string>("modelName", "a pretrained network to fine-tune with a new softmax head: a zoo model scaled to [-1, 1] (MobileNet, MobileNetV2, InceptionV3, Xception) or a channels-last model file; empty: train layers from scratch", "");
        FineTuneFromParam = Declare<string>("fineTuneFrom", "with modelName: the layer (node) from which training starts, earlier layers frozen; empty: only the new head trains", "");
        InputSizeParam = Declare<int>("inputSize", "square image size in pixels of a network given by layers or network (a modelName has its own)", ClassifierNetwork.DefaultLayersSize, ParamValidators.Gt(0));
        ImageLoaderParam = Declare<Func<string, ImageData>>("imageLoader", "reads one URI into pixels; default: read the file and decode it (JPEG, PNG, BMP); code, so not saved", savedInMetadata: false);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<string> ModelNameParam { get; }
    public Param<string> FineTuneFromParam { get; }
    public Param<int> InputSizeParam { get; }
    public Param<Func<string, ImageData>> ImageLoaderParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public string ModelName { get => Get(ModelNameParam); set => Set(ModelNameParam, value); }
    public string FineTuneFrom { get => Get(FineTuneFromParam); set => Set(FineTuneFromParam, value); }
    public int InputSize { get => Get(InputSizeParam); set => Set(InputSizeParam, value); }
    public Func<string, ImageData>? ImageLoader { get => GetOrNull(ImageLoaderParam); set => SetOrClear(ImageLoaderParam, value); }

    public ImageFileEstimator SetInputCol(string value) { Set(InputColParam, value); return this; }
    public ImageFileEstimator SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public ImageFileEstimator SetLabelCol(string value) { Set(Training.LabelCol, value); return this; }
    public ImageFileEstimator SetModelName(string value) { Set(ModelNameParam, value); return this; }
    public ImageFileEstimator SetFineTuneFrom(string value) { Set(FineTuneFromParam, value); return this; }
    public ImageFileEstimator SetInputSize(int value) { Set(InputSizeParam, value); return this; }
    public ImageFileEstimator SetImageLoader(Func<string, ImageData> value) { Set(ImageLoaderParam, value); return this; }
    public ImageFileEstimator SetLayers(string value) { Set(Training.Layers, value); return this; }
    public ImageFileEstimator SetNetwork(Network value) { Set(Training.Network, value); return this; }
    public ImageFileEstimator SetOptimizer(string value) { Set(Training.Optimizer, value); return this; }
    public ImageFileEstimator SetLearningRate(double value) { Set(Training.LearningRate, value); return this; }
    public ImageFileEstimator SetBatchSize(int value) { Set(Training.BatchSize, value); return this; }
    public ImageFileEstimator SetEpochs(int value) { Set(Training.Epochs, value); return this; }
    public ImageFileEstimator SetValidationSplit(double value) { Set(Training.ValidationSplit, value); return this; }
    public ImageFileEstimator SetSeed(int value) { Set(Training.Seed, value); return this; }
    public ImageFileEstimator SetProgress(Action<TrainingProgress> value) { Set(Training.Progress, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        ImageInputs.Check(schema, Get(InputColParam));
        var label = schema[Get(Training.LabelCol)];
        if (!LabelEncoding.Accepts(label.DataType)) throw new SchemaException($"Label column '{label.Name}' is {label.DataType}; use a class index (int, long, float, double) or a vector.");
        return Ml.Feature.ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, true));
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        int seed = Get(Training.Seed);
        string model = Get(ModelNameParam);
        ClassifierNetwork Network(int classes)
        {
            if (IsDefined(Training.Network)) return new(Get(Training.Network).Build(seed), Get(Training.Network).InputShape[0], null);
            if (model.Length > 0) return ClassifierNetwork.FromModel(model, classes, seed, ImageModels.For(dataset.Session).Registry);
            return ClassifierNetwork.FromLayers(Get(Training.Layers), Get(InputSizeParam), classes, seed);
        }
        Func<object, float[]>? reader = null;
        var graph = NetworkTraining.Fit(this, Training, dataset, Get(InputColParam), value => reader!(value),
            classes =>
            {
                var built = Network(classes);
                reader = ImageInputs.Reader(built.InputSize, Loader);
                return (built.Graph, Get(FineTuneFromParam) is { Length: > 0 } from ? from : built.TrainFrom);
            });
        var fitted = new ImageFileModel(Uid).SetInputCol(Get(InputColParam)).SetOutputCol(Get(OutputColParam));
        if (IsDefined(ImageLoaderParam)) fitted.SetImageLoader(Get(ImageLoaderParam));
        fitted.SetNetwork(graph);
        return fitted;
    }

    private Func<string, ImageData>? Loader => IsDefined(ImageLoaderParam) ? Get(ImageLoaderParam) : null;

    public static ImageFileEstimator Load(string path) => Load<ImageFileEstimator>(path);
}

/// <summary>
/// An image classifier fitted by <see cref="ImageFileEstimator"/>: like <c>ImageFileTransformer</c>, reads image paths
/// (with <see cref="ImageLoader"/>) or image structs and appends the network's class probabilities.
/// </summary>
public sealed class ImageFileModel : TrainedNetworkModel
{
    public ImageFileModel(string? uid = null) : base(uid)
    {
        InputColParam = Declare<string>("inputCol", "input column of image paths or file URIs, or of Spark's image structs", "uri", ParamValidators.NotEmpty());
        ImageLoaderParam = Declare<Func<string, ImageData>>("imageLoader", "reads one URI into pixels; default: read the file and decode it (JPEG, PNG, BMP); code, so not saved", savedInMetadata: false);
    }

    public Param<string> InputColParam { get; }
    public Param<Func<string, ImageData>> ImageLoaderParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public Func<string, ImageData>? ImageLoader { get => GetOrNull(ImageLoaderParam); set => SetOrClear(ImageLoaderParam, value); }

    public ImageFileModel SetInputCol(string value) { Set(InputColParam, value); return this; }
    public ImageFileModel SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public ImageFileModel SetImageLoader(Func<string, ImageData> value) { Set(ImageLoaderParam, value); return this; }

    private protected override string InputColumn => Get(InputColParam);

    private protected override void CheckInput(StructType schema) => ImageInputs.Check(schema, Get(InputColParam));

    private protected override float[] Input(object value) => ImageInputs.Reader(InputShape[0], IsDefined(ImageLoaderParam) ? Get(ImageLoaderParam) : null)(value);

    public static ImageFileModel Load(string path) => Load<ImageFileModel>(path);
}
