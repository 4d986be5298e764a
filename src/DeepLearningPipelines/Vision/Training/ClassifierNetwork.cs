using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Nn.Networks;
using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// An image classifier ready to train: a graph reading channels-last RGB pixels 0–255 ([N, size, size, 3]; scaling is
/// part of the graph, so the saved model needs no preprocessing) and returning softmax class probabilities, with the
/// node from which training starts by default (null: the whole network trains).
/// </summary>
public sealed record ClassifierNetwork(ModelGraph Graph, int InputSize, string? TrainFrom)
{
    /// <summary>The image size of a network given by a layer spec when none is given.</summary>
    public const int DefaultLayersSize = 64;

    /// <summary>The network <paramref name="spec"/> describes (<see cref="LayerSpec"/>) after a <c>Rescaling(1/255)</c>.</summary>
    public static ClassifierNetwork FromLayers(string spec, int size, int classes, int seed)
    {
        var parsed = LayerSpec.Parse(spec, [size, size, 3], classes);
        var model = new Sequential([size, size, 3], [new Rescaling(1f / 255f), .. parsed.Layers]) { Name = "classifier" };
        return new ClassifierNetwork(model.Build(seed), size, null);
    }

    /// <summary>
    /// A pretrained zoo model without its top (its preprocessing in front: zoo models scaled to [−1, 1] only) or a
    /// model file with a channels-last RGB input, with a new head: global average pooling of spatial features and a
    /// softmax Dense layer. By default only the head trains (<see cref="TrainFrom"/> is its first node).
    /// </summary>
    public static ClassifierNetwork FromModel(string nameOrPath, int classes, int seed, ModelRegistry? registry = null)
    {
        ModelGraph body;
        int size;
        if (ZooCatalog.Find(nameOrPath) is { } zoo && !File.Exists(nameOrPath) && !Directory.Exists(nameOrPath))
        {
            if (zoo.Package is not null || zoo.Preprocessing != ImagePreprocessing.Tf)
                throw new ParamException($"Training on {zoo.Name} is not supported: it needs '{zoo.Preprocessing.KerasName()}' preprocessing; use a zoo model scaled to [-1, 1] " +
                    $"({string.Join(", ", ZooCatalog.All.Where(z => z.Package is null && z.Preprocessing == ImagePreprocessing.Tf).Select(z => z.Name))}).");
            size = zoo.InputSize;
            var features = ModelLoader.Load(zoo.Name, new ModelLoadOptions { IncludeTop = false, Registry = registry });
            var scale = new Sequential([size, size, 3], new Rescaling(1f / 127.5f, -1f, name: "preprocess")) { Name = "preprocess" };
            body = GraphChaining.Chain(scale.Build(), features);
        }
        else
        {
            body = ModelLoader.LoadFile(nameOrPath);
            var input = body.Inputs.Count == 1 ? body.Inputs[0].Shape : [];
            if (input.Length != 4 || input[3] != 3 || input[1] < 1 || input[1] != input[2])
                throw new ModelFormatException($"Model {nameOrPath} must have one square channels-last RGB input [N,size,size,3] taking pixels 0–255; it has {string.Join(", ", body.Inputs.Select(i => i.Name + " " + i.ShapeText))}.");
            size = input[1];
        }
        body.MakeBatchDynamic();
        if (body.Outputs.Count != 1) throw new ModelFormatException($"Model {nameOrPath} has {body.Outputs.Count} outputs; training needs one.");
        int[] output = body.Outputs[0].Shape;
        SymbolicTensor x;
        Input head;
        if (output.Length == 4)
        {
            head = new Input([output[1], output[2], output[3]], "head_features");
            x = new GlobalAveragePooling2D("head_pool").Call(head);
        }
        else if (output.Length == 2)
        {
            head = new Input([output[1]], "head_features");
            x = head;
        }
        else throw new ModelFormatException($"Model {nameOrPath} returns {body.Outputs[0].ShapeText}; training needs image features [N,h,w,c] or vectors [N,c].");
        var top = new Network(head, new Dense(classes, "softmax", name: "head_dense").Call(x), "head");
        var graph = GraphChaining.Chain(body, top.Build(seed));
        return new ClassifierNetwork(graph, size, output.Length == 4 ? "head_pool" : "head_dense");
    }
}
