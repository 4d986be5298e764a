using System.Buffers;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// A graph compiled for one set of input shapes and one set of returned values: ordered kernels, value ids and the
/// slot buffers of the <see cref="MemoryPlan"/>, rented once and reused by every run.
/// </summary>
internal sealed class ExecutionPlan : IDisposable
{
    private readonly (IKernel Kernel, int[] Inputs, int[] Outputs)[] _steps;
    private readonly Tensor?[] _fixedValues;
    private readonly int[][] _shapes;
    private readonly float[][] _slots;
    private readonly Dictionary<string, int> _ids;
    private readonly string[] _inputNames, _outputNames;

    public ExecutionPlan(ModelGraph graph, IReadOnlyList<Node> order, IBackend backend, IReadOnlyDictionary<string, int[]> inputShapes, IReadOnlyList<string> outputNames)
    {
        var shapes = ShapeInference.Infer(graph, order, inputShapes);
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in shapes.Keys) _ids[name] = _ids.Count;
        _shapes = new int[_ids.Count][];
        foreach (var (name, id) in _ids) _shapes[id] = shapes[name];
        _inputNames = graph.Inputs.Select(i => i.Name).ToArray();
        _outputNames = outputNames.ToArray();

        var external = new HashSet<string>(_inputNames.Concat(graph.Initializers.Keys).Concat(_outputNames), StringComparer.Ordinal);
        var planned = new bool[_ids.Count];
        var sizes = new int[_ids.Count];
        foreach (var (name, id) in _ids)
        {
            planned[id] = !external.Contains(name);
            sizes[id] = Tensor.ElementCount(_shapes[id]);
        }

        _steps = order.Select(node =>
        {
            int[] inputs = node.Inputs.Select(i => i.Length == 0 ? -1 : _ids[i]).ToArray();
            int[] outputs = node.Outputs.Select(o => o.Length == 0 || !_ids.ContainsKey(o) ? -1 : _ids[o]).ToArray();
            var kernel = backend.Compile(node, inputs.Select(i => i < 0 ? [] : _shapes[i]).ToArray(), outputs.Where(o => o >= 0).Select(o => _shapes[o]).ToArray(),
                node.Inputs.Select(i => graph.Initializers.GetValueOrDefault(i)).ToArray());
            return (kernel, inputs, outputs);
        }).ToArray();

        var memory = new MemoryPlan(sizes, planned, _steps.Select(s => (s.Inputs, s.Outputs, s.Kernel.InPlaceInput)).ToArray());
        _slots = memory.SlotSizes.Select(size => ArrayPool<float>.Shared.Rent(Math.Max(size, 1))).ToArray();
        _fixedValues = new Tensor?[_ids.Count];
        foreach (var (name, tensor) in graph.Initializers) _fixedValues[_ids[name]] = tensor;
        for (int id = 0; id < _ids.Count; id++)
            if (memory.SlotOf[id] >= 0) _fixedValues[id] = new Tensor(_slots[memory.SlotOf[id]], _shapes[id]);
    }

    /// <summary>Number of slot buffers.</summary>
    public int SlotCount => _slots.Length;

    /// <summary>Total floats held by the slot buffers.</summary>
    public long PlannedFloats => _slots.Sum(s => (long)s.Length);

    /// <summary>Runs every step; returns fresh pooled tensors for the requested outputs (the caller disposes them).</summary>
    public Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        var values = (Tensor?[])_fixedValues.Clone();
        foreach (var name in _inputNames) values[_ids[name]] = inputs[name];
        var results = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in _outputNames)
        {
            int id = _ids[name];
            var result = new Tensor(_shapes[id]);
            if (values[id] is { } existing) existing.Span.CopyTo(result.Span);
            else values[id] = result;
            results[name] = result;
        }
        var stepInputs = new List<Tensor?>();
        var stepOutputs = new List<Tensor>();
        foreach (var (kernel, ins, outs) in _steps)
        {
            stepInputs.Clear();
            stepOutputs.Clear();
            foreach (int i in ins) stepInputs.Add(i < 0 ? null : values[i]);
            foreach (int o in outs) if (o >= 0) stepOutputs.Add(values[o] ?? throw new InvalidOperationException("unplanned output"));
            kernel.Execute(stepInputs, stepOutputs);
        }
        return results;
    }

    public void Dispose()
    {
        foreach (var slot in _slots) ArrayPool<float>.Shared.Return(slot);
    }
}
