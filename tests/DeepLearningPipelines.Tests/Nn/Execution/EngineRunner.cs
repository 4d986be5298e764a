using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Execution;

/// <summary>Runs a graph once on one engine's provider and returns the requested values as arrays.</summary>
internal static class EngineRunner
{
    public static IExecutionProvider Provider(Engine engine) => engine == Engine.Managed ? new ManagedExecutionProvider() : new OnnxRuntimeExecutionProvider();

    public static Dictionary<string, float[]> Run(Engine engine, ModelGraph graph, Tensor input, params string[] outputs)
    {
        using var model = Provider(engine).Compile(graph, outputs.Length > 0 ? outputs : graph.Outputs.Select(o => o.Name).ToArray());
        var results = model.Run(new Dictionary<string, Tensor> { [graph.Inputs[0].Name] = input });
        var arrays = results.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        foreach (var tensor in results.Values) tensor.Dispose();
        return arrays;
    }
}
