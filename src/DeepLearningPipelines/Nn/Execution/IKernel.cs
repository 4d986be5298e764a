namespace DeepLearningPipelines.Nn.Execution;

/// <summary>A node compiled for fixed shapes by an <see cref="IBackend"/>.</summary>
public interface IKernel
{
    /// <summary>
    /// Computes the outputs from the inputs (absent optional inputs are null). Output tensors are preallocated
    /// with the planned shapes and may hold stale data; the kernel overwrites every element.
    /// </summary>
    void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs);

    /// <summary>
    /// The position of an input that the first output may share its buffer with (the kernel reads each element of
    /// that input before writing the same element of the output), or −1. The executor shares them only when nothing
    /// reads the input afterwards.
    /// </summary>
    int InPlaceInput => -1;
}
