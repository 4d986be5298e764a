using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Export;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// A trained classifier on disk: the ONNX model (<c>MODEL.onnx</c>, run by the default engine) and its class names,
/// one per line in class-index order, beside it in <c>MODEL.classes.txt</c>; optionally also the same network as a
/// Keras 2 model file (<c>MODEL.h5</c>, with its own class-names file when its name differs).
/// </summary>
public static class TrainedModelFile
{
    /// <summary>The class-names file of model file <paramref name="modelPath"/>.</summary>
    public static string ClassNamesPath(string modelPath) => Path.ChangeExtension(Path.GetFullPath(modelPath), ".classes.txt");

    /// <summary>Writes <paramref name="graph"/> to <paramref name="modelPath"/> (an <c>.onnx</c> file) and the class names beside it.</summary>
    public static void Save(ModelGraph graph, string modelPath, IReadOnlyList<string> classNames)
    {
        if (!modelPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new ParamException($"Model file {modelPath}: name it MODEL.onnx; a trained model is saved as ONNX.");
        CheckClassNames(classNames);
        byte[] model = OnnxExporter.ToBytes(graph);
        WriteClassNames(modelPath, classNames);
        AtomicFile.Write(modelPath, s => s.Write(model));
    }

    /// <summary>
    /// Writes <paramref name="graph"/> to <paramref name="kerasPath"/> (an <c>.h5</c> file) as a Keras 2 model and the
    /// class names beside it; fails with a <see cref="ModelFormatException"/> when the network has no Keras form.
    /// </summary>
    public static void SaveKeras(ModelGraph graph, string kerasPath, IReadOnlyList<string> classNames)
    {
        CheckKerasName(kerasPath);
        CheckClassNames(classNames);
        KerasHdf5Exporter.Save(graph, kerasPath);
        WriteClassNames(kerasPath, classNames);
    }

    /// <summary>
    /// Fails, before any training, when <paramref name="kerasPath"/> is not an <c>.h5</c> name or when the network
    /// <paramref name="graph"/> has no Keras form (<see cref="SaveKeras"/> would refuse the trained network).
    /// </summary>
    public static void CheckKeras(ModelGraph graph, string kerasPath)
    {
        CheckKerasName(kerasPath);
        _ = KerasHdf5Exporter.ToJson(graph);
    }

    private static void CheckKerasName(string kerasPath)
    {
        if (!kerasPath.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) && !kerasPath.EndsWith(".hdf5", StringComparison.OrdinalIgnoreCase))
            throw new ParamException($"Keras model file {kerasPath}: name it MODEL.h5; Keras 2 models are saved as HDF5.");
    }

    private static void CheckClassNames(IReadOnlyList<string> classNames)
    {
        if (classNames.Any(n => n.Contains('\n') || n.Contains('\r')))
            throw new ParamException("A class name contains a line break; class names are saved one per line.");
    }

    private static void WriteClassNames(string modelPath, IReadOnlyList<string> classNames) =>
        AtomicFile.WriteAllText(ClassNamesPath(modelPath), string.Join("\n", classNames) + "\n");

    /// <summary>The class names saved beside <paramref name="modelPath"/>, or null when there is no class-names file.</summary>
    public static IReadOnlyList<string>? ClassNames(string modelPath)
    {
        string path = ClassNamesPath(modelPath);
        return File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : null;
    }

    /// <summary>
    /// The <paramref name="topK"/> most probable classes of <paramref name="probabilities"/> as <see cref="DeepImagePredictor.PredictionType"/>
    /// structs named by <paramref name="classNames"/> (class and description both the name), most probable first.
    /// </summary>
    public static Row[] TopClasses(Vector probabilities, IReadOnlyList<string> classNames, int topK)
    {
        if (probabilities.Size != classNames.Count)
            throw new ModelFormatException($"The model gives {probabilities.Size} probabilities but its class-names file lists {classNames.Count} classes.");
        return Enumerable.Range(0, probabilities.Size).OrderByDescending(i => probabilities[i]).ThenBy(i => i).Take(topK)
            .Select(i => new Row(DeepImagePredictor.PredictionType, classNames[i], classNames[i], (float)probabilities[i])).ToArray();
    }
}
