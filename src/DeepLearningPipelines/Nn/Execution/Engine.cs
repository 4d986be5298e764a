namespace DeepLearningPipelines.Nn.Execution;

/// <summary>The inference engines behind <see cref="IExecutionProvider"/>; names: <c>onnxruntime</c>, <c>managed</c>.</summary>
public enum Engine
{
    /// <summary>ONNX Runtime (the default): <see cref="OnnxRuntimeExecutionProvider"/>.</summary>
    OnnxRuntime,

    /// <summary>This library's managed kernels: <see cref="ManagedExecutionProvider"/>.</summary>
    Managed,
}
