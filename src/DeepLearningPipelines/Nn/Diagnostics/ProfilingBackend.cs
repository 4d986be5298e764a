using System.Collections.Concurrent;
using System.Diagnostics;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Diagnostics;

/// <summary>A backend decorator that accumulates the wall-clock time spent in each node, for finding hot spots.</summary>
public sealed class ProfilingBackend(IBackend inner) : IBackend
{
    private readonly ConcurrentDictionary<string, (OpKind Op, double Milliseconds, int Calls)> _times = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => $"profiling({inner.Name})";

    /// <summary>Accumulated time and call count per node name.</summary>
    public IReadOnlyDictionary<string, (OpKind Op, double Milliseconds, int Calls)> Times => _times;

    /// <summary>Total milliseconds per operator kind, largest first.</summary>
    public IEnumerable<(OpKind Op, double Milliseconds)> ByOperator() =>
        _times.Values.GroupBy(t => t.Op).Select(g => (g.Key, g.Sum(t => t.Milliseconds))).OrderByDescending(t => t.Item2);

    /// <summary>Forgets the accumulated times (e.g. after warm-up runs).</summary>
    public void Reset() => _times.Clear();

    /// <inheritdoc />
    public IKernel Compile(Node node, IReadOnlyList<int[]> inputShapes, IReadOnlyList<int[]> outputShapes, IReadOnlyList<Tensor?> constantInputs) =>
        new TimedKernel(inner.Compile(node, inputShapes, outputShapes, constantInputs), node, this);

    private sealed class TimedKernel(IKernel kernel, Node node, ProfilingBackend owner) : IKernel
    {
        public int InPlaceInput => kernel.InPlaceInput;

        public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
        {
            long start = Stopwatch.GetTimestamp();
            kernel.Execute(inputs, outputs);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            owner._times.AddOrUpdate(node.Name, (node.Op, ms, 1), (_, t) => (t.Op, t.Milliseconds + ms, t.Calls + 1));
        }
    }
}
