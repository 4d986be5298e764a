namespace DeepLearningPipelines.Nn.Graph;

/// <summary>
/// Operator kinds of the graph IR. Semantics and attribute names follow the latest ONNX opset; importers
/// normalise older forms (e.g. constant inputs become attributes). Optional inputs are empty strings.
/// </summary>
public enum OpKind
{
    /// <summary>
    /// Inputs X, W (OIHW), optional B, optional Z (a residual of the output's shape, added before the activation).
    /// Attributes: <c>strides</c>, <c>pads</c> [top,left,bottom,right], <c>dilations</c>, <c>group</c>, <c>auto_pad</c>;
    /// fused activation <c>activation_min</c>/<c>activation_max</c>.
    /// </summary>
    Conv,
    /// <summary>Y = alpha·A'·B' + beta·C. Attributes <c>alpha</c>, <c>beta</c>, <c>transA</c>, <c>transB</c>.</summary>
    Gemm,
    /// <summary>NumPy matmul of the two inputs (batched over leading dimensions of the first input when the second is 2-D).</summary>
    MatMul,
    /// <summary>Inference batch normalisation; inputs X, scale, B, mean, var. Attribute <c>epsilon</c>.</summary>
    BatchNormalization,
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>Clamp to attributes <c>min</c>/<c>max</c> (absent = unbounded).</summary>
    Clip,
    /// <summary>Logistic sigmoid.</summary>
    Sigmoid,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh,
    /// <summary>x·relu6(x+3)/6.</summary>
    HardSwish,
    /// <summary>x·sigmoid(x).</summary>
    Silu,
    /// <summary>Softmax over attribute <c>axis</c>; with <c>coerce_2d</c> = 1 (opset &lt; 13) over all dimensions from <c>axis</c> on.</summary>
    Softmax,
    /// <summary>Broadcasting a + b.</summary>
    Add,
    /// <summary>Broadcasting a − b.</summary>
    Sub,
    /// <summary>Broadcasting a · b.</summary>
    Mul,
    /// <summary>Broadcasting a / b.</summary>
    Div,
    /// <summary>Attributes <c>kernel_shape</c>, <c>strides</c>, <c>pads</c>, <c>ceil_mode</c>.</summary>
    MaxPool,
    /// <summary>As <see cref="MaxPool"/> plus <c>count_include_pad</c>.</summary>
    AveragePool,
    /// <summary>Mean over the spatial dimensions, keeping them as size 1.</summary>
    GlobalAveragePool,
    /// <summary>Concatenation along attribute <c>axis</c>.</summary>
    Concat,
    /// <summary>Reshape to 2-D at attribute <c>axis</c>.</summary>
    Flatten,
    /// <summary>Reshape to attribute <c>shape</c> (0 copies the input dimension, −1 is inferred).</summary>
    Reshape,
    /// <summary>Permutation attribute <c>perm</c> (default: reverse).</summary>
    Transpose,
    /// <summary>Removes size-1 dimensions listed in attribute <c>axes</c> (all size-1 dimensions when absent).</summary>
    Squeeze,
    /// <summary>Inserts size-1 dimensions at attribute <c>axes</c> (output positions).</summary>
    Unsqueeze,
    /// <summary>
    /// Sub-tensor with step 1: attributes <c>starts</c>, <c>ends</c> and <c>axes</c> (same length; default axes 0, 1, …).
    /// Negative starts and ends count from the end of the axis; both are clamped to it, as ONNX <c>Slice</c> does.
    /// ONNX <c>Split</c> is imported as one Slice per output.
    /// </summary>
    Slice,
    /// <summary>Constant padding; attributes <c>pads</c> (ONNX order: all begins, then all ends) and <c>value</c>.</summary>
    Pad,
    /// <summary>Identity at inference.</summary>
    Dropout,
    /// <summary>Copies its input.</summary>
    Identity,
}
