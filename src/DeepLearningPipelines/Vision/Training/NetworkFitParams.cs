using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// The params every network estimator shares: the label column, the network, the optimizer and loss, and the fit
/// params (Keras' <c>fit</c>: batch size, epochs, validation split, shuffle, seed, early stopping, checkpoints, resuming).
/// </summary>
public sealed class NetworkFitParams
{
    internal NetworkFitParams(Params owner, string defaultLayers)
    {
        LabelCol = owner.Declare<string>("labelCol", "label column: a class index (int, long, float or double) or a one-hot / probability vector (dense or sparse)", "label", ParamValidators.NotEmpty());
        Layers = owner.Declare<string>("layers", "the network as a layer spec (e.g. conv32-pool-dense128; see docs/training.md), ending in a softmax classifier; used when no network is set", defaultLayers, ParamValidators.NotEmpty());
        Network = owner.Declare<Network>("network", "a network defined in C# (DeepLearningPipelines.Nn.Networks) ending in a softmax over the classes; replaces layers; code, so not saved (the trained weights are)", savedInMetadata: false);
        NumClasses = owner.Declare<int>("numClasses", "classes of index labels (0: one more than the largest label, found with a pass over the data)", 0, ParamValidators.GtEq(0));
        Optimizer = owner.Declare<string>("optimizer", "adam, sgd (momentum 0.9), rmsprop or adamw", "adam", ParamValidators.InArray(OptimizerNames.Names));
        LearningRate = owner.Declare<double>("learningRate", "learning rate (0: the optimizer's default, 0.001; sgd 0.01)", 0.0, ParamValidators.GtEq(0.0));
        Loss = owner.Declare<string>("loss", "auto (from the label type), sparse_categorical_crossentropy (index labels) or categorical_crossentropy (vectors; index labels are one-hot encoded)",
            "auto", ParamValidators.InArray("auto", "sparse_categorical_crossentropy", "categorical_crossentropy"));
        BatchSize = owner.Declare<int>("batchSize", "examples per training step", 32, ParamValidators.Gt(0));
        Epochs = owner.Declare<int>("epochs", "passes over the training data", 1, ParamValidators.Gt(0));
        ValidationSplit = owner.Declare<double>("validationSplit", "fraction of rows held out to validate after each epoch (chosen by a seeded hash of partition and row)", 0.0, ParamValidators.InRange(0.0, 0.9));
        Shuffle = owner.Declare<bool>("shuffle", "visit partitions in a seeded random order each epoch and shuffle rows within a buffer of 1,024", true);
        Seed = owner.Declare<int>("seed", "seed of the initial weights, the validation split, shuffling and Dropout", 0);
        EarlyStoppingPatience = owner.Declare<int>("earlyStoppingPatience", "stop after this many epochs without a lower validation loss (training loss without validation) and keep the best weights; 0: never", 0, ParamValidators.GtEq(0));
        CheckpointEverySteps = owner.Declare<int>("checkpointEverySteps", "write the weights as checkpoint-STEP.onnx to checkpointFolder every this many steps; 0: never", 0, ParamValidators.GtEq(0));
        CheckpointFolder = owner.Declare<string>("checkpointFolder", "folder of the checkpoints", "");
        Resume = owner.Declare<bool>("resume", "continue from the latest checkpoint in checkpointFolder (weights, optimizer state, position in the data), or start from the beginning when it holds none", false);
        Progress = owner.Declare<Action<TrainingProgress>>("progress", "called after every training step with the epoch, step, loss, accuracy and images per second; code, so not saved", savedInMetadata: false);
    }

    public Param<string> LabelCol { get; }
    public Param<string> Layers { get; }
    public Param<Network> Network { get; }
    public Param<int> NumClasses { get; }
    public Param<string> Optimizer { get; }
    public Param<double> LearningRate { get; }
    public Param<string> Loss { get; }
    public Param<int> BatchSize { get; }
    public Param<int> Epochs { get; }
    public Param<double> ValidationSplit { get; }
    public Param<bool> Shuffle { get; }
    public Param<int> Seed { get; }
    public Param<int> EarlyStoppingPatience { get; }
    public Param<int> CheckpointEverySteps { get; }
    public Param<string> CheckpointFolder { get; }
    public Param<bool> Resume { get; }
    public Param<Action<TrainingProgress>> Progress { get; }

    /// <summary>The fit settings the params give, training with the ranks of <paramref name="session"/>.</summary>
    internal FitSettings Settings(Params owner, Frames.DlpSession session) => new()
    {
        Session = session, Resume = owner.Get(Resume),
        BatchSize = owner.Get(BatchSize), Epochs = owner.Get(Epochs),
        EarlyStoppingPatience = owner.Get(EarlyStoppingPatience), CheckpointEverySteps = owner.Get(CheckpointEverySteps),
        CheckpointFolder = owner.Get(CheckpointFolder) is { Length: > 0 } folder ? folder : null,
    };

    /// <summary>The trainer options: loss for <paramref name="labels"/>, the optimizer, the seed and where training starts.</summary>
    internal TrainerOptions Trainer(Params owner, LabelEncoding labels, string? trainFrom) => new()
    {
        Loss = labels.Loss,
        Optimizer = OptimizerNames.Create(owner.Get(Optimizer), owner.Get(LearningRate) is > 0 and var rate ? (float)rate : null),
        Seed = owner.Get(Seed),
        FineTuneFrom = trainFrom,
    };
}
