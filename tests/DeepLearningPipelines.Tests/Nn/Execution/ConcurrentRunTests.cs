using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Onnx;
using DeepLearningPipelines.Tests.Nn.Onnx;

namespace DeepLearningPipelines.Tests.Nn.Execution;

/// <summary>Several runs of one compiled model in flight from several threads give exactly the results of serial runs.</summary>
public class ConcurrentRunTests
{
    [Theory]
    [InlineData(Engine.OnnxRuntime)]
    [InlineData(Engine.Managed)]
    public async Task ConcurrentRunsEqualSerialRuns(Engine engine)
    {
        var graph = OnnxImporter.Load(SqueezeNetTests.ModelPath);
        graph.MakeBatchDynamic();
        string input = graph.Inputs[0].Name, output = graph.Outputs[0].Name;
        using var model = EngineRunner.Provider(engine).Compile(graph, [output]);
        var rng = new Random(3);
        var inputs = Enumerable.Range(0, 6).Select(i => TestData.Random(rng, (1 + i % 2) * 3 * 224 * 224)).ToArray();
        float[] RunOne(float[] data)
        {
            using var tensor = new Tensor(data, data.Length / (3 * 224 * 224), 3, 224, 224);
            using var result = model.Run(new Dictionary<string, Tensor> { [input] = tensor })[output];
            return result.ToArray();
        }

        var serial = inputs.Select(RunOne).ToArray();
        using var start = new Barrier(inputs.Length);
        var concurrent = inputs.Select(data => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 3).Select(_ => RunOne(data)).ToArray();
        }, TaskCreationOptions.LongRunning)).ToArray();
        var results = await Task.WhenAll(concurrent);
        for (int i = 0; i < inputs.Length; i++)
            foreach (var result in results[i]) Assert.Equal(serial[i], result);
    }
}
