namespace DeepLearningPipelines.Nn.Training;

/// <summary>A trainable initializer of the graph and where its gradient lies in the fused gradient buffer.</summary>
/// <param name="Name">Initializer name.</param>
/// <param name="Shape">Its shape.</param>
/// <param name="Offset">First element in the fused buffers (<see cref="GradientReducer"/>, <see cref="Trainer.CopyParametersTo"/>).</param>
public sealed record TrainableParameter(string Name, int[] Shape, int Offset)
{
    /// <summary>Number of elements.</summary>
    public int Length => Tensor.ElementCount(Shape);
}
