using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Keras.Export;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// A network trained by a network estimator: appends the network's output (class probabilities) as a vector column.
/// The trained network is held as ONNX (saved as <c>data/model.onnx</c> in the stage folder, so the default inference engine
/// and other tools can run it) and runs on the managed engine, batch by batch.
/// </summary>
public abstract class TrainedNetworkModel : Model
{
    private byte[] _onnx = [];
    private ModelGraph? _graph;
    private GraphExecutor? _executor;

    private protected TrainedNetworkModel(string? uid) : base(uid)
    {
        OutputColParam = Declare<string>("outputCol", "output vector column: the network's class probabilities", "predictions", ParamValidators.NotEmpty());
        BatchSizeParam = Declare<int>("batchSize", "examples per inference batch", 32, ParamValidators.Gt(0));
    }

    public Param<string> OutputColParam { get; }
    public Param<int> BatchSizeParam { get; }

    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public int BatchSize { get => Get(BatchSizeParam); set => Set(BatchSizeParam, value); }

    /// <summary>The trained network (inference graph).</summary>
    public ModelGraph Graph => _graph ?? throw new DlpException($"{GetType().Name} {Uid} holds no trained network.");

    /// <summary>The trained network as ONNX bytes.</summary>
    public ReadOnlyMemory<byte> OnnxModel => _onnx;

    /// <summary>
    /// Writes the trained network as a Keras 2 <c>.h5</c> model file (architecture and weights) for Keras and other
    /// Keras readers; fails with a <see cref="ModelFormatException"/> naming the first node without a Keras layer.
    /// </summary>
    public void SaveKeras(string path) => KerasHdf5Exporter.Save(Graph, path);

    /// <summary>Per-example input shape of the network.</summary>
    public int[] InputShape => Graph.Inputs[0].Shape[1..];

    /// <summary>Keeps <paramref name="graph"/> as ONNX and reads it back, so a fitted model and a loaded one compute alike.</summary>
    internal void SetNetwork(ModelGraph graph) => SetOnnx(OnnxExporter.ToBytes(graph), "the trained network");

    private void SetOnnx(byte[] onnx, string source)
    {
        var graph = OnnxImporter.Load(onnx, source: source);
        graph.MakeBatchDynamic();
        (_onnx, _graph) = (onnx, graph);
        _executor?.Dispose();
        _executor = null;
    }

    /// <summary>The input column's name.</summary>
    private protected abstract string InputColumn { get; }

    /// <summary>Requires a usable input column type.</summary>
    private protected abstract void CheckInput(StructType schema);

    /// <summary>The network input of one non-null input value.</summary>
    private protected abstract float[] Input(object value);

    public override StructType TransformSchema(StructType schema)
    {
        CheckInput(schema);
        return ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, true));
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        var executor = _executor ??= new GraphExecutor(Graph);
        int column = dataset.Schema.FieldIndex(InputColumn), batchSize = Get(BatchSizeParam);
        int[] shape = InputShape;
        int per = shape.Aggregate(1, (a, d) => a * d);
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Vector, true)], b =>
        {
            var output = new object?[b.RowCount];
            var rows = Enumerable.Range(0, b.RowCount).Where(r => b.GetValue(column, r) is not null).ToArray();
            foreach (var chunk in rows.Chunk(batchSize))
            {
                using var input = new Tensor([chunk.Length, .. shape]);
                ParallelLoops.For(chunk.Length, i =>
                {
                    var values = Input(b.GetValue(column, chunk[i])!);
                    if (values.Length != per) throw new DataFormatException($"An input of column '{InputColumn}' holds {values.Length} values; the network takes {per}.");
                    values.CopyTo(input.Span.Slice(i * per, per));
                });
                using var result = executor.Run(input);
                int size = result.Length / chunk.Length;
                for (int i = 0; i < chunk.Length; i++)
                    output[chunk[i]] = new DenseVector(Array.ConvertAll(result.Span.Slice(i * size, size).ToArray(), v => (double)v));
            }
            return ([output], null);
        }, GetType().Name);
    }

    protected internal override void SaveData(string directory) => File.WriteAllBytes(Path.Combine(directory, "model.onnx"), _onnx);

    protected internal override void LoadData(string directory)
    {
        string path = Path.Combine(directory, "model.onnx");
        if (!File.Exists(path)) throw new PersistenceException($"{GetType().Name} data in {directory} lacks model.onnx (the trained network).");
        try { SetOnnx(File.ReadAllBytes(path), path); }
        catch (ModelFormatException e) { throw new PersistenceException($"{path} is not a readable ONNX network: {e.Message}", e); }
    }
}
