namespace DeepLearningPipelines.Nn.Execution;

/// <summary>A node compiled for fixed shapes by an <see cref="IBackend"/>.</summary>
public interface IKernel
{
    /// <summary>
    /// Computes the outputs from the inputs (absent optional inputs are null). Output tensors are preallocated
    /// with the planned shapes and may hold stale data; the kernel overwrites every element.
    /// </summary>
    void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs);
}
