using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Execution;

/// <summary>
/// A graph compiled by an <see cref="IExecutionProvider"/> for a fixed set of returned values. <see cref="Run"/> is
/// thread-safe: several runs may be in flight at once.
/// </summary>
public interface ICompiledModel : IDisposable
{
    /// <summary>The engine that compiled it.</summary>
    Engine Engine { get; }

    /// <summary>Graph inputs with their expected shapes (−1 = any size).</summary>
    IReadOnlyList<ValueInfo> Inputs { get; }

    /// <summary>The values every run returns.</summary>
    IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// Runs one batch; returns a new tensor per value of <see cref="Outputs"/>, owned by the caller. Throws
    /// <see cref="ArgumentException"/> when an input is missing or has the wrong shape.
    /// </summary>
    Dictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs);
}
