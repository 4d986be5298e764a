using System.Buffers;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training.Ops;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// A graph compiled for training (or evaluation) at one set of input shapes. Unlike an inference plan it keeps every
/// intermediate value until the backward pass, which visits the nodes in reverse topological order and skips those
/// that no trainable parameter feeds.
/// </summary>
internal sealed class TrainingPlan : IDisposable
{
    private readonly TrainingModel _model;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly int[][] _shapes;
    private readonly Tensor?[] _values;
    private readonly bool[] _needsGrad;
    private readonly float[]?[] _grads;
    private readonly TrainableParameter?[] _parameterOf;
    private readonly TrainingOp[] _ops;
    private readonly bool _training;

    public TrainingPlan(TrainingModel model, IReadOnlyDictionary<string, int[]> inputShapes, bool training)
    {
        (_model, _training) = (model, training);
        var shapes = ShapeInference.Infer(model.Graph, model.Order, inputShapes);
        foreach (var name in shapes.Keys) _ids[name] = _ids.Count;
        _shapes = new int[_ids.Count][];
        foreach (var (name, id) in _ids) _shapes[id] = shapes[name];
        _values = new Tensor?[_ids.Count];
        _needsGrad = new bool[_ids.Count];
        _grads = new float[]?[_ids.Count];
        _parameterOf = new TrainableParameter?[_ids.Count];
        foreach (var (name, tensor) in model.Graph.Initializers)
        {
            int id = _ids[name];
            _values[id] = tensor;
            _parameterOf[id] = model.Parameter(name);
            _needsGrad[id] = training && _parameterOf[id] is not null;
        }
        var ops = new List<TrainingOp>();
        for (int index = 0; index < model.Order.Count; index++)
        {
            var node = model.Order[index];
            int[] ins = node.Inputs.Select(i => i.Length == 0 ? -1 : _ids[i]).ToArray();
            int output = _ids[node.Outputs[0]];
            _values[output] = new Tensor(_shapes[output]);
            _needsGrad[output] = training && ins.Any(i => i >= 0 && _needsGrad[i]);
            if (_needsGrad[output]) _grads[output] = ArrayPool<float>.Shared.Rent(Math.Max(1, _values[output]!.Length));
            var inShapes = ins.Select(i => i < 0 ? [] : _shapes[i]).ToArray();
            ops.Add(TrainingOps.Create(node, index, ins, output, inShapes, _shapes[output], training && !model.IsFrozenBatchNorm(node)));
        }
        _ops = [.. ops];
    }

    /// <summary>The id of a value.</summary>
    public int Id(string name) => _ids[name];

    /// <summary>The shape of a value.</summary>
    public int[] Shape(int id) => _shapes[id];

    /// <summary>Runs the forward pass on <paramref name="inputs"/> (by graph input name).</summary>
    public TrainingPass Forward(IReadOnlyDictionary<string, Tensor> inputs, ulong dropoutSeed)
    {
        var pass = new TrainingPass(_values, _needsGrad, GradBuffer) { Training = _training, DropoutSeed = dropoutSeed };
        foreach (var input in _model.Graph.Inputs) pass.SetValue(_ids[input.Name], inputs[input.Name]);
        foreach (var op in _ops) op.Forward(pass);
        return pass;
    }

    /// <summary>
    /// Propagates the gradients already written into <paramref name="pass"/> (the loss's) back to the parameters,
    /// then zeroes the gradient of every trainable parameter that nothing reached.
    /// </summary>
    public void Backward(TrainingPass pass)
    {
        for (int i = _ops.Length - 1; i >= 0; i--)
        {
            var op = _ops[i];
            if (pass.HasGrad(op.Output) && op.Inputs.Any(pass.NeedsGrad)) op.Backward(pass);
        }
        foreach (var p in _model.Parameters)
            if (!pass.HasGrad(_ids[p.Name])) _model.Gradients.AsSpan(p.Offset, p.Length).Clear();
    }

    private Memory<float> GradBuffer(int id)
    {
        if (_grads[id] is { } own) return own.AsMemory(0, Tensor.ElementCount(_shapes[id]));
        var p = _parameterOf[id] ?? throw new InvalidOperationException($"Value {id} has no gradient buffer.");
        return _model.Gradients.AsMemory(p.Offset, p.Length);
    }

    public void Dispose()
    {
        foreach (var op in _model.Order)
        {
            int id = _ids[op.Outputs[0]];
            _values[id]?.Dispose();
            if (_grads[id] is { } g) ArrayPool<float>.Shared.Return(g);
        }
    }
}
