using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Imaging;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// An image classifier registered as a SQL function (sparkdl's <c>registerKerasImageUDF</c>): Spark's image struct in,
/// the class-probability vector or the decoded top classes out, computed by the same model, resize and decoding as
/// <see cref="DeepImagePredictor"/>. Each call receives a whole column batch and runs the model on chunks of
/// <see cref="ImageModelFunctionOptions.BatchSize"/> images; the counters say how it was called.
/// </summary>
public sealed class ImageModelFunction
{
    private readonly DeepImagePredictor _settings;
    private long _runs, _images, _largest;

    internal ImageModelFunction(string name, string model, ImageModelFunctionOptions options)
    {
        Name = name;
        Model = model;
        Options = options;
        _settings = new DeepImagePredictor().SetModelName(model).SetDecodePredictions(options.DecodePredictions).SetTopK(options.TopK)
            .SetBatchSize(options.BatchSize).SetResizeMode(options.ResizeMode).SetInterpolation(options.Interpolation)
            .SetInputSize(options.InputSize).SetPreprocessing(options.Preprocessing).SetBgr(options.Bgr);
        if (options.Engine is not null) _settings.SetEngine(options.Engine);
        if (options.Device is not null) _settings.SetDevice(options.Device);
    }

    /// <summary>The SQL name.</summary>
    public string Name { get; }

    /// <summary>The zoo model name or model file.</summary>
    public string Model { get; }

    public ImageModelFunctionOptions Options { get; }

    /// <summary>How many times the model ran (one run per chunk of at most <see cref="ImageModelFunctionOptions.BatchSize"/> images).</summary>
    public long ModelRuns => Interlocked.Read(ref _runs);

    /// <summary>How many images the model scored.</summary>
    public long ImagesScored => Interlocked.Read(ref _images);

    /// <summary>The most images one run received.</summary>
    public long LargestRun => Interlocked.Read(ref _largest);

    /// <summary>The function's result type: the probability vector, or an array of prediction structs.</summary>
    internal DataType ResultType => Options.DecodePredictions ? DataTypes.ArrayOf(DeepImagePredictor.PredictionType, false) : DataTypes.Vector;

    /// <summary>The loaded model (shared with the session's other stages) and the resize it needs.</summary>
    internal (ImageModel Model, ResizeOptions Resize) Load(DlpSession session)
    {
        var model = _settings.LoadModel(session);
        return (model, _settings.Image.Resize(_settings, model.Spec));
    }

    /// <summary>The values of one run's images.</summary>
    internal object[] Score(ImageModel model, ResizeOptions resize, IReadOnlyList<ImageData> images)
    {
        var probabilities = model.Probabilities(images, resize);
        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _images, images.Count);
        long current;
        while (images.Count > (current = Interlocked.Read(ref _largest)) && Interlocked.CompareExchange(ref _largest, images.Count, current) != current) { }
        return probabilities.Select(p => Options.DecodePredictions
            ? (object)DeepImagePredictor.Decode(p, Options.TopK)
            : new DenseVector(Array.ConvertAll(p, v => (double)v))).ToArray();
    }
}
