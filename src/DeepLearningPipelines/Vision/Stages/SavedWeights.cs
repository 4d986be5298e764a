using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Persistence;
using DeepLearningPipelines.Nn.Loading;
using DeepLearningPipelines.Vision.Models;

namespace DeepLearningPipelines.Vision.Stages;

/// <summary>
/// The weights a saved image stage used: its model name (zoo name or file) and the lower-case hex SHA-256 of the
/// weights files (null when they were absent at save time), written as <c>data/weights.json</c>. On load, and again
/// when the model is loaded, weights whose SHA-256 differs are refused, since the stage's outputs would change.
/// </summary>
internal sealed record SavedWeights(string ModelName, string? Sha256)
{
    private const string FileName = "weights.json";

    /// <summary>The weights <paramref name="modelName"/> resolves to now in <paramref name="session"/> (its registry for zoo names).</summary>
    public static SavedWeights Of(DlpSession session, string modelName, bool withTop) => new(modelName, CurrentSha256(session, modelName, withTop));

    public void Write(string dataDirectory) => File.WriteAllText(Path.Combine(dataDirectory, FileName), JsonSerializer.Serialize(this, MlWriter.Json));

    /// <summary>
    /// The record in <paramref name="dataDirectory"/> (null for a stage saved before weights were recorded), checked
    /// against the weights <paramref name="session"/> resolves now when they are present.
    /// </summary>
    public static SavedWeights? ReadAndCheck(string dataDirectory, DlpSession session, bool withTop, string stage)
    {
        var file = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(file)) return null;
        var saved = JsonSerializer.Deserialize<SavedWeights>(File.ReadAllText(file), MlWriter.Json)
            ?? throw new PersistenceException($"{file} is empty.");
        if (saved.ModelName is null) throw new PersistenceException($"{file} lacks modelName.");
        if (CurrentSha256(session, saved.ModelName, withTop) is { } current) saved.Check(current, stage);
        return saved;
    }

    /// <summary>Fails when <paramref name="model"/> was loaded for this record's model name from other weights.</summary>
    public void Check(ImageModel model, string modelName, string stage)
    {
        if (modelName == ModelName) Check(model.Spec.WeightsSha256, stage);
    }

    private void Check(string current, string stage)
    {
        if (Sha256 is not null && current != Sha256)
            throw new PersistenceException(
                $"{stage} was saved with the weights of {ModelName} whose SHA-256 was {Sha256}, but they now hash to {current}: the weights file changed, so its outputs would differ. " +
                "Put the original weights back, or set modelName again and save the stage anew to use the new ones.");
    }

    /// <summary>The SHA-256 of the weights <paramref name="modelName"/> resolves to, or null when they are not on disk.</summary>
    private static string? CurrentSha256(DlpSession session, string modelName, bool withTop)
    {
        var files = ImageModels.IsZooName(modelName)
            ? ModelWeightFiles.OfZoo(ImageModels.For(session).Registry, modelName, withTop)
            : ModelWeightFiles.OfFile(ModelLoader.ResolveFile(modelName));
        return files is not null && files.Paths.All(File.Exists) ? files.Sha256() : null;
    }
}
