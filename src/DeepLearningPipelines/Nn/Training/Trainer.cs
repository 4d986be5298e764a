using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// Trains a <see cref="ModelGraph"/> with reverse-mode automatic differentiation on the managed CPU kernels. The
/// trainer works on its own copy of the graph's weights; <see cref="ToInferenceGraph"/> returns the trained model.
/// One step: forward pass in training mode (BatchNormalization on batch statistics, Dropout active), the loss,
/// the backward pass into one fused gradient buffer, the <see cref="TrainerOptions.GradientReducer"/>, clipping, and the optimizer update.
/// Not thread-safe: one step at a time.
/// </summary>
public sealed partial class Trainer : IDisposable
{
    private readonly TrainingModel _model;
    private readonly TrainerOptions _options;
    private readonly LossFunction _loss;
    private readonly float[] _optimizerState;
    private readonly Dictionary<string, TrainingPlan> _plans = new(StringComparer.Ordinal);

    /// <summary>Prepares to train <paramref name="graph"/> (which is not modified).</summary>
    public Trainer(ModelGraph graph, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        if (options.ClipGradientNorm is { } clip && !(clip > 0)) throw new ParamException($"ClipGradientNorm must be positive, got {clip}.");
        if (options.Threads is < 1) throw new ParamException($"Threads must be at least 1, got {options.Threads}.");
        _model = TrainingModel.Create(graph, options);
        if (_model.Parameters.Count == 0) throw new ParamException($"Graph '{graph.Name}' has no trainable parameters (all frozen or none).");
        string output = options.Output ?? graph.Outputs.FirstOrDefault()?.Name ?? throw new ModelFormatException($"Graph '{graph.Name}' has no output.");
        if (!graph.IsOutput(output)) throw new ParamException($"Output '{output}' is not an output of graph '{graph.Name}' (outputs: {string.Join(", ", graph.Outputs.Select(o => o.Name))}).");
        _loss = LossFunction.Create(options.Loss, _model.Graph, output);
        long stateLength = (long)_model.Gradients.Length * options.Optimizer.StateSize;
        if (stateLength > Array.MaxLength)
            throw new ParamException($"{options.Optimizer} keeps {options.Optimizer.StateSize} floats per parameter; {ParameterCount} parameters need more than one array holds.");
        _optimizerState = new float[stateLength];
    }

    /// <summary>The trainable parameters, in the order of the fused buffers.</summary>
    public IReadOnlyList<TrainableParameter> Parameters => _model.Parameters;

    /// <summary>Total elements of the trainable parameters (length of the fused buffers).</summary>
    public int ParameterCount => _model.Gradients.Length;

    /// <summary>Optimizer steps taken so far.</summary>
    public long Steps { get; private set; }

    /// <summary>The learning rate the next step uses.</summary>
    public float LearningRate => _options.Optimizer.Schedule.Rate(_options.Optimizer.LearningRate, Steps);

    /// <summary>The gradients of the last <see cref="ComputeGradients(Tensor, Tensor)"/>, fused (see <see cref="TrainableParameter.Offset"/>).</summary>
    public ReadOnlySpan<float> Gradients => _model.Gradients;

    /// <summary>One training step on a batch fed to the graph's single input; returns the batch's loss and accuracy before the update.</summary>
    public TrainingStepResult Step(Tensor input, Tensor labels) => Step(SingleInput(input), labels);

    /// <summary>One training step on a batch given by graph input name.</summary>
    public TrainingStepResult Step(IReadOnlyDictionary<string, Tensor> inputs, Tensor labels)
    {
        var result = ComputeGradients(inputs, labels);
        ApplyGradients();
        return result;
    }

    /// <summary>Forward and backward pass: fills <see cref="Gradients"/> without updating the weights (BatchNormalization running statistics do update).</summary>
    public TrainingStepResult ComputeGradients(Tensor input, Tensor labels) => ComputeGradients(SingleInput(input), labels);

    /// <inheritdoc cref="ComputeGradients(Tensor, Tensor)"/>
    public TrainingStepResult ComputeGradients(IReadOnlyDictionary<string, Tensor> inputs, Tensor labels) => Limited(() =>
    {
        var plan = PlanFor(inputs, training: true);
        var pass = plan.Forward(inputs, DropoutSeed());
        int source = plan.Id(_loss.Source);
        if (!pass.NeedsGrad(source))
            throw new ParamException($"No trainable parameter influences '{_loss.Source}', the value the loss reads; check FrozenPrefixes and FineTuneFrom.");
        var result = _loss.Compute(pass.Value(source), labels, pass.GradForWrite(source, out _));
        plan.Backward(pass);
        return result;
    });

    /// <summary>
    /// Runs the <see cref="TrainerOptions.GradientReducer"/>, clips, and updates the weights from <see cref="Gradients"/>
    /// with the optimizer at the scheduled rate.
    /// </summary>
    public void ApplyGradients() => Limited(() =>
    {
        var gradients = _model.Gradients.AsSpan();
        _options.GradientReducer?.Invoke(gradients);
        if (_options.ClipGradientNorm is { } maxNorm) GradientClipping.ClipGlobalNorm(gradients, maxNorm);
        var optimizer = _options.Optimizer;
        float rate = LearningRate;
        int stateSize = optimizer.StateSize;
        var parameters = _model.Parameters;
        long step = Steps;
        // Parameters are independent: update them in parallel (each one's arithmetic is the same on any thread).
        Parallelism.For(parameters.Count, (first, last) =>
        {
            for (int i = first; i < last; i++)
            {
                var p = parameters[i];
                // A parameter's state: stateSize blocks of its length, contiguous.
                optimizer.Update(_model.Graph.Initializers[p.Name].Span, _model.Gradients.AsSpan(p.Offset, p.Length),
                    _optimizerState.AsSpan(p.Offset * stateSize, p.Length * stateSize), rate, step);
            }
        });
        Steps++;
        return 0;
    });

    /// <summary>Loss and accuracy of a batch in inference mode (running statistics, no Dropout); the weights are unchanged.</summary>
    public TrainingStepResult Evaluate(Tensor input, Tensor labels) => Evaluate(SingleInput(input), labels);

    /// <inheritdoc cref="Evaluate(Tensor, Tensor)"/>
    public TrainingStepResult Evaluate(IReadOnlyDictionary<string, Tensor> inputs, Tensor labels) => Limited(() =>
    {
        var plan = PlanFor(inputs, training: false);
        var pass = plan.Forward(inputs, 0);
        int source = plan.Id(_loss.Source);
        float[] scratch = new float[pass.Value(source).Length];
        return _loss.Compute(pass.Value(source), labels, scratch);
    });

    /// <summary>The loss output for a batch in inference mode (a new tensor the caller disposes).</summary>
    public Tensor Predict(Tensor input) => Limited(() =>
    {
        var inputs = SingleInput(input);
        var plan = PlanFor(inputs, training: false);
        var value = plan.Forward(inputs, 0).Value(plan.Id(_loss.Output));
        var result = new Tensor(value.Shape);
        value.Span.CopyTo(result.Span);
        return result;
    });

    /// <summary>
    /// The trained model as an inference graph: a copy of the graph with the current weights and BatchNormalization
    /// running statistics (copied, so further training does not change it); run it with <see cref="Execution.GraphExecutor"/>
    /// or save it with <see cref="Onnx.OnnxExporter"/>.
    /// </summary>
    public ModelGraph ToInferenceGraph()
    {
        var graph = _model.Graph.Clone();
        foreach (var (name, tensor) in _model.Graph.Initializers)
        {
            var copy = new Tensor(tensor.Shape);
            tensor.Span.CopyTo(copy.Span);
            graph.Initializers[name] = copy;
        }
        return graph;
    }

    /// <summary>Copies the trainable parameters into <paramref name="destination"/> (fused order; length <see cref="ParameterCount"/>).</summary>
    public void CopyParametersTo(Span<float> destination)
    {
        CheckLength(destination.Length);
        foreach (var p in _model.Parameters) _model.Graph.Initializers[p.Name].Span.CopyTo(destination.Slice(p.Offset, p.Length));
    }

    /// <summary>Overwrites the trainable parameters from <paramref name="source"/> (e.g. rank 0's weights broadcast at the start).</summary>
    public void SetParameters(ReadOnlySpan<float> source)
    {
        CheckLength(source.Length);
        foreach (var p in _model.Parameters) source.Slice(p.Offset, p.Length).CopyTo(_model.Graph.Initializers[p.Name].Span);
    }

    /// <summary>Releases the plans' buffers.</summary>
    public void Dispose()
    {
        foreach (var plan in _plans.Values) plan.Dispose();
        _plans.Clear();
    }

    private void CheckLength(int length)
    {
        if (length != ParameterCount) throw new ParamException($"The buffer holds {length} floats; the trainable parameters have {ParameterCount}.");
    }

    private ulong DropoutSeed() => (ulong)(uint)_options.Seed << 32 ^ (ulong)Steps;

    private T Limited<T>(Func<T> body) => Parallelism.WithLimit(_options.Threads, body);

    private Dictionary<string, Tensor> SingleInput(Tensor input)
    {
        if (_model.Graph.Inputs.Count != 1)
            throw new ParamException($"Graph '{_model.Graph.Name}' has {_model.Graph.Inputs.Count} inputs ({string.Join(", ", _model.Graph.Inputs.Select(i => i.Name))}); pass them by name.");
        return new Dictionary<string, Tensor>(StringComparer.Ordinal) { [_model.Graph.Inputs[0].Name] = input };
    }

    private TrainingPlan PlanFor(IReadOnlyDictionary<string, Tensor> inputs, bool training)
    {
        foreach (var input in _model.Graph.Inputs)
            if (!inputs.ContainsKey(input.Name)) throw new ParamException($"No tensor given for graph input '{input.Name}'.");
        string key = (training ? "T" : "E") + string.Join(";", _model.Graph.Inputs.Select(i => Tensor.Format(inputs[i.Name].Shape)));
        if (!_plans.TryGetValue(key, out var plan))
        {
            // Keep the few most recent shapes (the last batch of an epoch is often smaller).
            if (_plans.Count >= 4)
            {
                foreach (var old in _plans.Values) old.Dispose();
                _plans.Clear();
            }
            plan = new TrainingPlan(_model, _model.Graph.Inputs.ToDictionary(i => i.Name, i => inputs[i.Name].Shape), training);
            _plans[key] = plan;
        }
        return plan;
    }
}
