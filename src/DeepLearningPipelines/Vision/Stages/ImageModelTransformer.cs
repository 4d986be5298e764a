using DeepLearningPipelines.Ml;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// A transformer that runs a CNN over images (the featurizer, the predictor, the image-file transformer): the params the
/// CNN stages share are declared together in <see cref="Image"/> and are flat properties here.
/// </summary>
public abstract class ImageModelTransformer : Transformer
{
    private protected ImageModelTransformer(string? uid, string defaultInterpolation) : base(uid) => Image = new ImageStageParams(this, defaultInterpolation);

    /// <summary>The params this stage shares with the other CNN stages (declared together, also available as flat properties).</summary>
    public ImageStageParams Image { get; }

    public string ModelName { get => Get(Image.ModelName); set => Set(Image.ModelName, value); }
    public string ResizeMode { get => Get(Image.ResizeMode); set => Set(Image.ResizeMode, value); }
    public string Interpolation { get => Get(Image.Interpolation); set => Set(Image.Interpolation, value); }
    public int BatchSize { get => Get(Image.BatchSize); set => Set(Image.BatchSize, value); }
    public int InputSize { get => Get(Image.InputSize); set => Set(Image.InputSize, value); }
    public string Preprocessing { get => Get(Image.Preprocessing); set => Set(Image.Preprocessing, value); }
    public bool Bgr { get => Get(Image.Bgr); set => Set(Image.Bgr, value); }
    public string? Engine { get => GetOrNull(Image.Engine); set => SetOrClear(Image.Engine, value); }
    public string? Device { get => GetOrNull(Image.Device); set => SetOrClear(Image.Device, value); }
}
