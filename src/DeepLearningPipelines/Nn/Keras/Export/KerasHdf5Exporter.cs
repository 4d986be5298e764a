using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Hdf5;

namespace DeepLearningPipelines.Nn.Keras.Export;

/// <summary>
/// Writes a network as a Keras 2 HDF5 model file, as <c>model.save('x.h5')</c> does: the root attributes
/// <c>model_config</c> (the functional model's JSON), <c>keras_version</c> and <c>backend</c>, and the group
/// <c>model_weights</c> with one group per layer (attribute <c>weight_names</c>, datasets
/// <c>LAYER/LAYER/WEIGHT:0</c> in Keras layout) listed in its <c>layer_names</c> attribute. Keras
/// (<c>tf.keras.models.load_model</c>) and this project's Keras importer read it. Only networks built from Keras'
/// layers can be written (see <see cref="KerasGraphTranslator"/>); others fail with a <see cref="ModelFormatException"/>
/// naming the first node without a Keras layer.
/// </summary>
public static class KerasHdf5Exporter
{
    /// <summary>The Keras version written to the file: the Keras 2 HDF5 layout and config format.</summary>
    public const string KerasVersion = "2.12.0";

    /// <summary>Writes <paramref name="graph"/> to <paramref name="path"/> (replaced all-or-nothing).</summary>
    public static void Save(ModelGraph graph, string path)
    {
        var model = KerasGraphTranslator.Translate(graph);
        string config = model.ToConfig().ToJsonString();
        try
        {
            AtomicFile.WriteFile(path, temporary => Write(temporary, model, config));
        }
        catch (Hdf5Exception ex)
        {
            throw new PersistenceException($"Writing the Keras model {path} failed: {ex.Message}", ex);
        }
    }

    /// <summary>The Keras 2 model config JSON of <paramref name="graph"/> (what <c>model.to_json()</c> gives).</summary>
    public static string ToJson(ModelGraph graph) => KerasGraphTranslator.Translate(graph).ToConfig().ToJsonString();

    private static void Write(string path, KerasExportModel model, string config)
    {
        using var file = Hdf5File.Create(path);
        file.WriteString("keras_version", KerasVersion);
        file.WriteString("backend", "tensorflow");
        file.WriteString("model_config", config);
        using var weights = file.CreateGroup("model_weights");
        weights.WriteString("keras_version", KerasVersion);
        weights.WriteString("backend", "tensorflow");
        weights.WriteStrings("layer_names", model.Layers.Select(l => l.Name).ToList());
        foreach (var layer in model.Layers)
        {
            using var group = weights.CreateGroup(layer.Name);
            group.WriteStrings("weight_names", layer.Weights.Select(w => $"{layer.Name}/{w.Name}:0").ToList());
            if (layer.Weights.Count == 0) continue;
            using var inner = group.CreateGroup(layer.Name);
            foreach (var (name, weight) in layer.Weights) inner.WriteFloats($"{name}:0", weight.Data, weight.Shape);
        }
    }
}
