using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Vision.Stages;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// A trained classifier on disk: the ONNX model (<c>MODEL.onnx</c>, run by the default engine) and its class names,
/// one per line in class-index order, beside it in <c>MODEL.classes.txt</c>.
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
        if (classNames.Any(n => n.Contains('\n') || n.Contains('\r')))
            throw new ParamException("A class name contains a line break; class names are saved one per line.");
        byte[] model = OnnxExporter.ToBytes(graph);
        AtomicFile.WriteAllText(ClassNamesPath(modelPath), string.Join("\n", classNames) + "\n");
        AtomicFile.Write(modelPath, s => s.Write(model));
    }

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
