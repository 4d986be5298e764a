using System.Collections.Concurrent;
using DeepLearningPipelines.Nn.Graph;
using Microsoft.ML.OnnxRuntime;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// An ONNX Runtime session over an exported graph. A run wraps the input tensors' buffers and preallocated output
/// tensors as <see cref="OrtValue"/>s (no copies); concurrent runs share the session, which ONNX Runtime allows.
/// </summary>
internal sealed class OnnxRuntimeCompiledModel : ICompiledModel
{
    private const int MaxShapeKeys = 16;
    private readonly InferenceSession _session;
    private readonly ModelGraph _graph;
    private readonly List<Node> _order;
    private readonly string[] _inputNames, _outputs;
    private readonly RunOptions _runOptions = new();
    private readonly ConcurrentDictionary<string, int[][]> _outputShapes = new(StringComparer.Ordinal);

    public OnnxRuntimeCompiledModel(InferenceSession session, ModelGraph graph, string[] outputs)
    {
        _session = session;
        _graph = graph;
        _order = GraphSorter.Sort(graph);
        _inputNames = graph.Inputs.Select(i => i.Name).ToArray();
        _outputs = outputs;
    }

    public Engine Engine => Engine.OnnxRuntime;
    public IReadOnlyList<ValueInfo> Inputs => _graph.Inputs;
    public IReadOnlyList<string> Outputs => _outputs;

    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        foreach (var input in _graph.Inputs)
        {
            if (!inputs.TryGetValue(input.Name, out var tensor))
                throw new ArgumentException($"Input '{input.Name}' {input.ShapeText} was not given.", nameof(inputs));
            if (!input.Accepts(tensor.Shape))
                throw new ArgumentException($"Input '{input.Name}': expected {input.ShapeText}, got {Tensor.Format(tensor.Shape)}.", nameof(inputs));
        }
        var shapes = OutputShapes(inputs);
        var results = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var values = new List<OrtValue>();
        try
        {
            var inputValues = _inputNames.Select(name => Wrap(inputs[name], values)).ToArray();
            var outputValues = new OrtValue[_outputs.Length];
            for (int i = 0; i < _outputs.Length; i++)
            {
                var tensor = new Tensor(shapes[i]);
                results[_outputs[i]] = tensor;
                outputValues[i] = Wrap(tensor, values);
            }
            _session.Run(_runOptions, _inputNames, inputValues, _outputs, outputValues);
            return results;
        }
        catch
        {
            foreach (var tensor in results.Values) tensor.Dispose();
            throw;
        }
        finally
        {
            foreach (var value in values) value.Dispose();
        }
    }

    /// <summary>An <see cref="OrtValue"/> over <paramref name="tensor"/>'s buffer, added to <paramref name="owned"/> for disposal.</summary>
    private static OrtValue Wrap(Tensor tensor, List<OrtValue> owned)
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(tensor.Buffer, 0, tensor.Length),
            Array.ConvertAll(tensor.Shape, d => (long)d));
        owned.Add(value);
        return value;
    }

    /// <summary>The shapes of the outputs for these input shapes, inferred once per combination (at most <see cref="MaxShapeKeys"/> kept).</summary>
    private int[][] OutputShapes(IReadOnlyDictionary<string, Tensor> inputs)
    {
        string key = string.Join(";", _inputNames.Select(n => Tensor.Format(inputs[n].Shape)));
        if (_outputShapes.Count >= MaxShapeKeys && !_outputShapes.ContainsKey(key)) _outputShapes.Clear();
        return _outputShapes.GetOrAdd(key, _ =>
        {
            var shapes = ShapeInference.Infer(_graph, _order, _inputNames.ToDictionary(n => n, n => inputs[n].Shape));
            return _outputs.Select(o => shapes[o]).ToArray();
        });
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
