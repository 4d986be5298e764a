using DeepLearningPipelines.Cli.Bench.Ort;
using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Diagnostics;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Execution.Cpu;
using DeepLearningPipelines.Nn.Onnx;

namespace DeepLearningPipelines.Cli.Bench;

/// <summary>
/// Runs one ONNX file through this runtime and through ONNX Runtime with the same thread count and the same seeded
/// input, the two in turns (see <see cref="MedianTimer"/>) so that a change in the machine's speed during the
/// measurement affects both alike.
/// </summary>
internal sealed class RuntimeComparison(OrtRuntime ort, int threads, int repeats)
{
    public BenchResult Run(BenchModel model, int batch)
    {
        int[] shape = [batch, .. model.ImageShape];
        float[] input = RandomInput(Tensor.ElementCount(shape));
        CpuBackend.MaxThreads = threads;
        var graph = OnnxImporter.Load(model.OnnxPath);
        long flops = 2 * ThroughputBenchmark.Macs(graph, shape);
        using var executor = new GraphExecutor(graph);
        using var tensor = new Tensor(input, shape);
        using var session = new OrtSession(ort, model.OnnxPath, intraOpThreads: threads, interOpThreads: 1);
        var (ours, onnxRuntime) = MedianTimer.MeasureInTurns(
            () =>
            {
                using var result = executor.Run(tensor);
                return result.ToArray();
            },
            () => session.Run(input, shape, out _),
            repeats);
        float[] oursOutput = ours.Result, ortOutput = onnxRuntime.Result;
        if (oursOutput.Length != ortOutput.Length)
            throw new Core.DlpException($"{model.Name}: this runtime gives {oursOutput.Length} output values, ONNX Runtime {ortOutput.Length}.");
        double maxDiff = 0, maxAbs = 0;
        for (int i = 0; i < oursOutput.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)oursOutput[i] - ortOutput[i]));
            maxAbs = Math.Max(maxAbs, Math.Abs((double)ortOutput[i]));
        }
        return new BenchResult(model.Name, model.IncludesTop, batch, ours.MedianSeconds, onnxRuntime.MedianSeconds, flops, maxDiff, maxAbs);
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
