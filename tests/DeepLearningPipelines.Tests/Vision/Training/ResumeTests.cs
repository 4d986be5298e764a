using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;
using DeepLearningPipelines.Tests.Support;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Tests.Vision.Training;

/// <summary>
/// Checkpoints carry everything a run needs to continue (weights, Adam's moments and step, the schedule's position,
/// BatchNormalization statistics, the position in the shuffled data, early stopping's state): a run stopped after a
/// checkpoint and resumed ends with exactly the weights of a run that never stopped.
/// </summary>
public class ResumeTests
{
    private static Sequential Network() => new([8, 8, 1], new Conv2D(4, 3, padding: "same", activation: "relu"), new BatchNormalization(),
        new MaxPooling2D(), new Flatten(), new Dropout(0.2f), new Dense(16, "relu"), new Dense(4, "softmax"));

    private static TrainerOptions Options() => new()
    {
        Loss = LossKind.SparseCategoricalCrossEntropy, Seed = 3, Threads = 1,
        Optimizer = new Adam(0.01f) { Schedule = LearningRateSchedule.Cosine(18) },
    };

    private static FitResult Fit(string folder, bool resume, CancellationToken cancel = default, Action<TrainingProgress>? onStep = null) =>
        NetworkFitter.Fit(Network().Build(seed: 7), new LabeledImageBatches(SyntheticImages.Quarters(91, 1), shuffle: true, seed: 5),
            new LabeledImageBatches(SyntheticImages.Quarters(30, 2)), Options(),
            new FitSettings { BatchSize = 16, Epochs = 3, EarlyStoppingPatience = 2, CheckpointEverySteps = 4, CheckpointFolder = folder, Resume = resume },
            onStep, cancel: cancel);

    private static float[] Weights(ModelGraph graph) =>
        graph.Initializers.OrderBy(i => i.Key, StringComparer.Ordinal).SelectMany(i => i.Value.ToArray()).ToArray();

    [Fact]
    public void AResumedRunEndsWithTheUninterruptedWeightsBitForBit()
    {
        var uninterrupted = Fit(Path.Combine(TestPaths.NewTempDir(), "a"), resume: false);

        string folder = Path.Combine(TestPaths.NewTempDir(), "b");
        using var stop = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => Fit(folder, resume: true, stop.Token, p =>
        {
            if (p.Step == 10) stop.Cancel(); // in the second epoch; the last checkpoint is step 8's
        }));
        Assert.Equal(["checkpoint-4.onnx", "checkpoint-4.state", "checkpoint-8.onnx", "checkpoint-8.state"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var steps = new List<long>();
        var resumed = Fit(folder, resume: true, onStep: p => steps.Add(p.Step));
        Assert.Equal(9, steps[0]);
        Assert.Equal(18, steps[^1]);
        Assert.Equal(Weights(uninterrupted.Graph), Weights(resumed.Graph));
        Assert.Equal(uninterrupted.Epochs.Select(e => (e.Loss, e.Accuracy, e.ValidationLoss)), resumed.Epochs.Select(e => (e.Loss, e.Accuracy, e.ValidationLoss)));
    }

    [Fact]
    public void ResumingWithoutACheckpointStartsFromTheBeginning()
    {
        var fresh = Fit(Path.Combine(TestPaths.NewTempDir(), "a"), resume: false);
        var resumed = Fit(Path.Combine(TestPaths.NewTempDir(), "empty"), resume: true);
        Assert.Equal(Weights(fresh.Graph), Weights(resumed.Graph));
    }

    [Fact]
    public void TrainerStateRestoresTheNextStepAndRefusesAnotherNetwork()
    {
        var batches = new LabeledImageBatches(SyntheticImages.Quarters(32, 4)).Batches(0, 16).ToList();
        using var first = new Trainer(Network().Build(seed: 7), Options());
        first.Step(batches[0].Input, batches[0].Labels);
        using var state = new MemoryStream();
        first.WriteState(state);

        using var second = new Trainer(Network().Build(seed: 99), Options());
        state.Position = 0;
        second.ReadState(state);
        Assert.Equal(1, second.Steps);
        first.Step(batches[1].Input, batches[1].Labels);
        second.Step(batches[1].Input, batches[1].Labels);
        Assert.Equal(Weights(first.ToInferenceGraph()), Weights(second.ToInferenceGraph()));

        var other = new Sequential([8, 8, 1], new Flatten(), new Dense(4, "softmax")).Build(seed: 7);
        using var different = new Trainer(other, Options());
        state.Position = 0;
        var error = Assert.Throws<PersistenceException>(() => different.ReadState(state));
        Assert.Contains("trainable parameter", error.Message);
        using var sgd = new Trainer(Network().Build(seed: 7), new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = new Sgd(0.1f, momentum: 0.9f) });
        state.Position = 0;
        Assert.Contains("optimizer Adam", Assert.Throws<PersistenceException>(() => sgd.ReadState(state)).Message);
        foreach (var (input, labels) in batches)
        {
            input.Dispose();
            labels.Dispose();
        }
    }

    [Fact]
    public void ACheckpointOfAnotherBatchSizeIsRefused()
    {
        string folder = Path.Combine(TestPaths.NewTempDir(), "c");
        Fit(folder, resume: false);
        var error = Assert.Throws<ParamException>(() => NetworkFitter.Fit(Network().Build(seed: 7),
            new LabeledImageBatches(SyntheticImages.Quarters(91, 1), shuffle: true, seed: 5), null, Options(),
            new FitSettings { BatchSize = 8, Epochs = 3, CheckpointFolder = folder, Resume = true }));
        Assert.Contains("batch size 16", error.Message);
    }
}
