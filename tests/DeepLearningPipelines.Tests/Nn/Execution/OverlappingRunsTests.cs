using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Execution;

/// <summary>
/// A <see cref="GraphExecutor"/> lets runs overlap: two runs of the same shape from two threads are inside a kernel at
/// the same moment (a kernel that waits for a second caller proves it), each on its own plan.
/// </summary>
public class OverlappingRunsTests
{
    /// <summary>A backend whose only kernel copies its input after waiting, up to a timeout, for another run to reach it too.</summary>
    private sealed class RendezvousBackend(Barrier barrier) : IBackend
    {
        public int Met;
        public string Name => "rendezvous";

        public IKernel Compile(Node node, IReadOnlyList<int[]> inputShapes, IReadOnlyList<int[]> outputShapes, IReadOnlyList<Tensor?> constantInputs) => new Kernel(this, barrier);

        private sealed class Kernel(RendezvousBackend owner, Barrier barrier) : IKernel
        {
            public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
            {
                if (barrier.SignalAndWait(TimeSpan.FromSeconds(10))) Interlocked.Increment(ref owner.Met);
                inputs[0]!.Span.CopyTo(outputs[0].Span);
            }
        }
    }

    [Fact]
    public async Task TwoRunsAreInFlightAtOnceAndKeepTheirOwnResults()
    {
        var graph = new ModelGraph();
        graph.Inputs.Add(new ValueInfo("x", [-1, 4]));
        graph.Outputs.Add(new ValueInfo("y", [-1, 4]));
        graph.Nodes.Add(new Node("copy", OpKind.Relu, ["x"], ["y"]));
        using var barrier = new Barrier(2);
        var backend = new RendezvousBackend(barrier);
        using var executor = new GraphExecutor(graph, backend, optimize: false);

        float[] RunOne(float value)
        {
            using var input = new Tensor(Enumerable.Repeat(value, 8).ToArray(), 2, 4);
            using var output = executor.Run(input);
            return output.ToArray();
        }
        var runs = new[] { 1f, 2f }.Select(v => Task.Factory.StartNew(() => RunOne(v), TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.Equal(2, backend.Met);
        Assert.Equal(Enumerable.Repeat(1f, 8), results[0]);
        Assert.Equal(Enumerable.Repeat(2f, 8), results[1]);
    }
}
