using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Nn.Networks;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// An estimator that trains a network (<see cref="ImageFileEstimator"/>, <see cref="TensorEstimator"/>): the network,
/// optimizer and fit params are declared together in <see cref="Training"/> and are flat properties here.
/// </summary>
public abstract class NetworkEstimator<TModel> : Estimator<TModel> where TModel : Model
{
    private protected NetworkEstimator(string? uid, string defaultLayers) : base(uid) => Training = new NetworkFitParams(this, defaultLayers);

    /// <summary>The network, optimizer and fit params (declared together, also available as flat properties).</summary>
    public NetworkFitParams Training { get; }

    public string LabelCol { get => Get(Training.LabelCol); set => Set(Training.LabelCol, value); }
    public string Layers { get => Get(Training.Layers); set => Set(Training.Layers, value); }
    public Network? Network { get => GetOrNull(Training.Network); set => SetOrClear(Training.Network, value); }
    public int NumClasses { get => Get(Training.NumClasses); set => Set(Training.NumClasses, value); }
    public string Optimizer { get => Get(Training.Optimizer); set => Set(Training.Optimizer, value); }
    public double LearningRate { get => Get(Training.LearningRate); set => Set(Training.LearningRate, value); }
    public string Loss { get => Get(Training.Loss); set => Set(Training.Loss, value); }
    public int BatchSize { get => Get(Training.BatchSize); set => Set(Training.BatchSize, value); }
    public int Epochs { get => Get(Training.Epochs); set => Set(Training.Epochs, value); }
    public double ValidationSplit { get => Get(Training.ValidationSplit); set => Set(Training.ValidationSplit, value); }
    public bool Shuffle { get => Get(Training.Shuffle); set => Set(Training.Shuffle, value); }
    public int Seed { get => Get(Training.Seed); set => Set(Training.Seed, value); }
    public int EarlyStoppingPatience { get => Get(Training.EarlyStoppingPatience); set => Set(Training.EarlyStoppingPatience, value); }
    public int CheckpointEverySteps { get => Get(Training.CheckpointEverySteps); set => Set(Training.CheckpointEverySteps, value); }
    public string CheckpointFolder { get => Get(Training.CheckpointFolder); set => Set(Training.CheckpointFolder, value); }
    public bool Resume { get => Get(Training.Resume); set => Set(Training.Resume, value); }
    public Action<TrainingProgress>? Progress { get => GetOrNull(Training.Progress); set => SetOrClear(Training.Progress, value); }
}
