using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// The fit of every network estimator: labels, network, streamed training and validation examples, the fit loop —
/// data-parallel over the ranks of the data's session when it has several (each rank streams its own partitions).
/// </summary>
internal static class NetworkTraining
{
    /// <param name="owner">The estimator.</param>
    /// <param name="p">Its fit params.</param>
    /// <param name="dataset">The training data.</param>
    /// <param name="inputCol">The input column.</param>
    /// <param name="input">Turns one input cell into the network input.</param>
    /// <param name="network">The network for a number of classes, and the node training starts from (null: all).</param>
    public static ModelGraph Fit(Params owner, NetworkFitParams p, DataFrame dataset, string inputCol, Func<object, float[]> input,
        Func<int, (ModelGraph Graph, string? TrainFrom)> network)
    {
        string labelCol = owner.Get(p.LabelCol);
        var labels = LabelEncoding.For(dataset, labelCol, owner.Get(p.NumClasses), owner.Get(p.Loss));
        var (graph, trainFrom) = network(labels.Classes);
        if (graph.Outputs.Count != 1 || graph.Outputs[0].Shape is not [_, var outputs] || outputs != labels.Classes)
            throw new ParamException($"The network returns {string.Join(", ", graph.Outputs.Select(o => o.ShapeText))}; the labels in '{labelCol}' need [N,{labels.Classes}] class probabilities.");
        if (graph.Inputs.Count != 1) throw new ParamException($"The network has {graph.Inputs.Count} inputs; it needs one.");
        int[] inputShape = graph.Inputs[0].Shape[1..];
        var data = dataset.Select(inputCol, labelCol);
        double split = owner.Get(p.ValidationSplit);
        int seed = owner.Get(p.Seed);
        var train = new ExampleStream(data, 0, 1, inputShape, input, labels, split, validation: false, owner.Get(p.Shuffle), seed);
        var validation = split > 0 ? new ExampleStream(data, 0, 1, inputShape, input, labels, split, validation: true, shuffle: false, seed) : null;
        var progress = owner.IsDefined(p.Progress) ? owner.Get(p.Progress) : null;
        return NetworkFitter.Fit(graph, train, validation, p.Trainer(owner, labels, trainFrom), p.Settings(owner, dataset.Session), progress).Graph;
    }
}
