namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// Called by <see cref="Trainer.Step(Tensor, Tensor)"/> between the backward pass and the optimizer step with every
/// trainable parameter's gradient in one fused buffer (in <see cref="Trainer.Parameters"/> order, at each
/// <see cref="TrainableParameter.Offset"/>), already averaged over the local batch. Data-parallel training averages
/// it across ranks in place (an allreduce divided by the rank count); gradient clipping and the update follow.
/// </summary>
public delegate void GradientReducer(Span<float> gradients);
