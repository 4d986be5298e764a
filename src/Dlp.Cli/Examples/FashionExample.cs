using System.Diagnostics;
using DeepLearningPipelines.Cli.Ui;
using DeepLearningPipelines.Core.Progress;
using DeepLearningPipelines.Ml.Evaluation.Metrics;
using DeepLearningPipelines.Ml.Evaluation.Reports;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Vision.Datasets;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary>Settings of the Fashion-MNIST example; the defaults are the full run.</summary>
internal sealed record FashionSettings
{
    public const string DefaultLayers = "conv32-pool-conv64-pool-drop0.25-dense128-dense10";

    public string Layers { get; init; } = DefaultLayers;
    public int Epochs { get; init; } = 12;
    public int BatchSize { get; init; } = 64;
    public float LearningRate { get; init; } = 0.001f;
    public int Seed { get; init; } = 42;
    /// <summary>Train on the first this many training images (null: all 60,000).</summary>
    public int? TrainLimit { get; init; }
    /// <summary>Test on the first this many test images (null: all 10,000).</summary>
    public int? TestLimit { get; init; }
    public string? Folder { get; init; }
}

/// <summary>What the Fashion-MNIST example measured.</summary>
internal sealed record FashionReport(double Accuracy, IReadOnlyList<EpochSummary> Epochs, ClassificationReport Classes, int TrainImages, int TestImages, long Parameters, double TrainSeconds);

/// <summary>
/// <c>dlp examples fashion</c>: a small CNN trained from scratch on Fashion-MNIST with Adam, the test set checked
/// after every epoch, then per-class precision and recall on the test set.
/// </summary>
internal static class FashionExample
{
    /// <summary>Trains and tests as <paramref name="s"/> says, logging lines to <paramref name="log"/> and showing the fit on <paramref name="job"/>.</summary>
    public static FashionReport Run(FashionSettings s, Action<string>? log, JobProgress? job = null)
    {
        var train = FashionMnist.Load(train: true, s.Folder);
        var test = FashionMnist.Load(train: false, s.Folder);
        if (s.TrainLimit is { } t) train = train.Take(t);
        if (s.TestLimit is { } u) test = test.Take(u);
        var network = LayerSpec.Parse(s.Layers, [train.Height, train.Width, 1], train.ClassNames.Count, "fashion_cnn").ToNetwork();
        log?.Invoke($"{network.Name}: {s.Layers}, {network.ParameterCount:N0} parameters; {train.Count:N0} training and {test.Count:N0} test images, batch {s.BatchSize}, Adam lr {s.LearningRate}");
        var options = new TrainerOptions { Loss = LossKind.SparseCategoricalCrossEntropy, Optimizer = OptimizerNames.Create("adam", s.LearningRate) };
        var settings = new FitSettings { BatchSize = s.BatchSize, Epochs = s.Epochs };
        var live = job is null ? null : new TrainingJob(job, train.Count, test.Count, s.BatchSize);
        var watch = Stopwatch.StartNew();
        var result = NetworkFitter.Fit(network.Build(s.Seed), new LabeledImageBatches(train, shuffle: true, s.Seed), new LabeledImageBatches(test), options, settings,
            live is null ? null : live.Step, e =>
            {
                live?.Epoch(e);
                log?.Invoke(TrainingLines.Epoch(e, "test"));
            });
        double seconds = watch.Elapsed.TotalSeconds;
        var predictions = Predict(result.Graph, test, s.BatchSize);
        var metrics = new MulticlassMetrics(predictions, test.Labels.Select(l => (double)l).ToArray());
        return new FashionReport(metrics.Accuracy, result.Epochs, ClassificationReport.From(metrics, test.ClassNames), train.Count, test.Count, network.ParameterCount, seconds);
    }

    /// <summary>The most probable class of every image of <paramref name="images"/>.</summary>
    private static double[] Predict(ModelGraph graph, LabeledImages images, int batchSize)
    {
        using var executor = new GraphExecutor(graph);
        var predictions = new double[images.Count];
        int start = 0;
        foreach (var (input, labels) in new LabeledImageBatches(images).Batches(0, batchSize))
        {
            labels.Dispose();
            using var output = executor.Run(input);
            input.Dispose();
            int classes = output.Shape[1];
            for (int i = 0; i < output.Shape[0]; i++)
            {
                var row = output.Span.Slice(i * classes, classes);
                int best = 0;
                for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
                predictions[start + i] = best;
            }
            start += output.Shape[0];
        }
        return predictions;
    }
}
