using System.Diagnostics;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Diagnostics;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Loading;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// Runs one ONNX file on an engine of this library (imported, then compiled by its <see cref="IExecutionProvider"/>) and on
/// plain ONNX Runtime with the same thread count and the same seeded input, the two in turns (see <see cref="MedianTimer"/>)
/// so that a change in the machine's speed during the measurement affects both alike.
/// </summary>
internal sealed class RuntimeComparison(IExecutionProvider provider, int threads, int repeats)
{
    public BenchResult Run(BenchModel model, int batch)
    {
        int[] shape = [batch, .. model.ImageShape];
        float[] input = RandomInput(Tensor.ElementCount(shape));
        CpuBackend.MaxThreads = threads;
        using var tensor = new Tensor(input, shape);

        long start = Stopwatch.GetTimestamp();
        var graph = ModelLoader.LoadFile(model.OnnxPath);
        string inputName = graph.Inputs[0].Name, outputName = graph.Outputs[0].Name;
        using var ours = provider.Compile(graph, [outputName], new ExecutionOptions { ThreadsPerRun = threads });
        float[] RunOurs()
        {
            using var result = ours.Run(new Dictionary<string, Tensor> { [inputName] = tensor })[outputName];
            return result.ToArray();
        }
        RunOurs();
        double oursCold = Stopwatch.GetElapsedTime(start).TotalSeconds;

        start = Stopwatch.GetTimestamp();
        using var session = new PlainOrtSession(model.OnnxPath, threads);
        session.Run(input, shape);
        double ortCold = Stopwatch.GetElapsedTime(start).TotalSeconds;

        long flops = 2 * ThroughputBenchmark.Macs(graph, shape);
        var (oursTimed, ortTimed) = MedianTimer.MeasureInTurns(RunOurs, () => session.Run(input, shape), repeats);
        float[] oursOutput = oursTimed.Result, ortOutput = ortTimed.Result;
        if (oursOutput.Length != ortOutput.Length)
            throw new Core.DlpException($"{model.Name}: the {provider.Name} engine gives {oursOutput.Length} output values, ONNX Runtime {ortOutput.Length}.");
        double maxDiff = 0, maxAbs = 0;
        for (int i = 0; i < oursOutput.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)oursOutput[i] - ortOutput[i]));
            maxAbs = Math.Max(maxAbs, Math.Abs((double)ortOutput[i]));
        }
        return new BenchResult(model.Name, model.IncludesTop, batch, provider.Name, oursTimed.MedianSeconds, ortTimed.MedianSeconds,
            oursCold, ortCold, flops, maxDiff, maxAbs);
    }

    /// <summary>Uniform values in [−1, 1) from a fixed seed (the range of the Keras <c>tf</c> preprocessing).</summary>
    private static float[] RandomInput(int count)
    {
        var rng = new Random(7);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = rng.NextSingle() * 2 - 1;
        return values;
    }
}
