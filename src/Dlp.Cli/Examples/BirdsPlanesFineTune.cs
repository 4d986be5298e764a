using System.Diagnostics;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Vision.Models;
using DeepLearningPipelines.Vision.Training;

namespace DeepLearningPipelines.Cli.Examples;

/// <summary>How <c>dlp examples birds-planes --fine-tune</c> trains.</summary>
internal sealed record FineTuneSettings
{
    /// <summary>Convolutions from the top of the pretrained network that train with the new head (the rest stay frozen).</summary>
    public int TopConvolutions { get; init; } = 2;

    /// <summary>The node training starts from, replacing <see cref="TopConvolutions"/> when set.</summary>
    public string? From { get; init; }

    public int Epochs { get; init; } = 8;
    public int BatchSize { get; init; } = 16;
    public double LearningRate { get; init; } = 0.001;
    public int Seed { get; init; } = 12345;
}

/// <summary>What fine-tuning measured on the test photos.</summary>
internal sealed record FineTuneReport(string TrainFrom, double Accuracy, double TrainSeconds);

/// <summary>
/// Fine-tunes a pretrained network on the birds-vs-planes training photos: a new softmax head over its globally pooled
/// features, trained with its top convolutions (Adam), the layers below frozen; then its accuracy on the test photos.
/// </summary>
internal static class BirdsPlanesFineTune
{
    /// <summary>The node training starts from: <see cref="FineTuneSettings.From"/>, else the top convolution the settings name.</summary>
    public static string StartNode(string model, FineTuneSettings s, DlpSession session) => s.From ?? TopConvolution(model, s.TopConvolutions, session);

    /// <summary>Fine-tunes <paramref name="model"/> from node <paramref name="from"/> on <paramref name="train"/> and measures it on <paramref name="test"/>.</summary>
    public static FineTuneReport Run(DataFrame train, DataFrame test, string model, string from, FineTuneSettings s, Action<string>? progress = null)
    {
        progress?.Invoke($"fine-tuning {model} from {from} on the training photos: {s.Epochs} epochs, batch {s.BatchSize}, Adam lr {s.LearningRate}");
        var estimator = new ImageFileEstimator().SetInputCol("image").SetLabelCol("labelIndex").SetModelName(model).SetFineTuneFrom(from)
            .SetEpochs(s.Epochs).SetBatchSize(s.BatchSize).SetLearningRate(s.LearningRate).SetSeed(s.Seed);
        var watch = Stopwatch.StartNew();
        var fitted = estimator.Fit(train);
        double seconds = watch.Elapsed.TotalSeconds;
        var rows = fitted.Transform(test).Select("labelIndex", fitted.OutputCol).Collect();
        int right = rows.Count(r => ArgMax((Vector)r[1]!) == (int)r.Get<double>(0));
        return new FineTuneReport(from, rows.Length == 0 ? double.NaN : right / (double)rows.Length, seconds);
    }

    /// <summary>The <paramref name="count"/>-th convolution from the top of <paramref name="model"/> (with a new two-class head).</summary>
    private static string TopConvolution(string model, int count, DlpSession session)
    {
        if (count < 1) throw new ParamException($"--fine-tune-layers must be at least 1, got {count}.");
        var graph = ClassifierNetwork.FromModel(model, BirdsPlanesExample.Classes.Length, 0, ImageModels.For(session).Registry).Graph;
        var convolutions = GraphSorter.Sort(graph).Where(n => n.Op == OpKind.Conv).ToList();
        if (convolutions.Count < count)
            throw new ParamException($"--fine-tune-layers {count}: {model} has only {convolutions.Count} convolutions; use at most {convolutions.Count} or name a layer with --fine-tune-from.");
        return convolutions[^count].Name;
    }

    private static int ArgMax(Vector v)
    {
        int best = 0;
        for (int i = 1; i < v.Size; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
