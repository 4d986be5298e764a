using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Persistence;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>A fitted <see cref="MultilayerPerceptronClassifier"/>: the layer sizes and the weights in Spark's layout.</summary>
public sealed class MultilayerPerceptronClassificationModel : ProbabilisticClassificationModel
{
    public MultilayerPerceptronClassificationModel(string? uid = null) : base(uid) { }

    /// <summary>The fitted network.</summary>
    internal MultilayerPerceptronModel Network { get; set; } = null!;

    /// <summary>The mean cross-entropy at the start and after each training iteration (empty after loading).</summary>
    public double[] ObjectiveHistory { get; internal set; } = [];

    /// <summary>Layer sizes from input to output.</summary>
    public int[] GetLayers() => Network.Layers.ToArray();

    /// <summary>The weights in Spark's layout (per layer: the weight matrix column-major, then the biases).</summary>
    public DenseVector Weights => new(Network.Weights.ToArray());

    public override int NumClasses => Network.NumClasses;
    public override int NumFeatures => Network.Layers[0];

    protected override void PredictRaw(double[] features, int rows, double[] raw) => Network.PredictRaw(features, rows, raw);

    protected override void RawToProbability(Span<double> raw)
    {
        double max = double.NegativeInfinity, sum = 0;
        foreach (var v in raw) max = Math.Max(max, v);
        for (int i = 0; i < raw.Length; i++) sum += raw[i] = Math.Exp(raw[i] - max);
        for (int i = 0; i < raw.Length; i++) raw[i] /= sum;
    }

    protected internal override void SaveData(string directory) => ModelData.Write(directory, new SavedNetwork(GetLayers(), Network.Weights.ToArray()));

    protected internal override void LoadData(string directory)
    {
        var s = ModelData.Read<SavedNetwork>(directory);
        if (s.Layers is null || s.Weights is null) throw new PersistenceException($"MultilayerPerceptronClassificationModel data in {directory} lacks layers or weights.");
        if (s.Weights.Any(w => !double.IsFinite(w))) throw new PersistenceException($"MultilayerPerceptronClassificationModel data in {directory} holds a weight that is not finite.");
        try { Network = new MultilayerPerceptronModel(s.Layers, s.Weights); }
        catch (ParamException e) { throw new PersistenceException($"MultilayerPerceptronClassificationModel data in {directory} is inconsistent: {e.Message}", e); }
    }

    private sealed record SavedNetwork(int[] Layers, double[] Weights);

    public static MultilayerPerceptronClassificationModel Load(string path) => Load<MultilayerPerceptronClassificationModel>(path);
}
