using System.Buffers;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn;

/// <summary>
/// A dense float32 tensor. Data are stored in C order (last dimension fastest). Image tensors use
/// <b>NCHW</b> (batch, channels, height, width) throughout the runtime: it is ONNX's native layout, so ONNX
/// models import without conversion, a 1×1 stride-1 convolution is a plain GEMM over the <c>[C, H·W]</c> plane
/// of each image, and im2col rows are contiguous. Importers of NHWC formats (Keras, TF.js) convert at their boundary.
/// The buffer may be rented from <see cref="ArrayPool{T}"/>; dispose the tensor to return it.
/// </summary>
public sealed class Tensor : IDisposable
{
    private float[]? _buffer;
    private readonly bool _pooled;

    /// <summary>Dimensions, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Number of elements (product of <see cref="Shape"/>).</summary>
    public int Length { get; }

    /// <summary>Creates a zero-filled tensor whose buffer is rented from the shared pool.</summary>
    public Tensor(params int[] shape)
    {
        Shape = (int[])shape.Clone();
        Length = ElementCount(Shape);
        _buffer = ArrayPool<float>.Shared.Rent(Math.Max(1, Length));
        _pooled = true;
        Span.Clear();
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        Shape = (int[])shape.Clone();
        Length = ElementCount(Shape);
        if (data.Length < Length)
            throw new ArgumentException($"Shape {Format(shape)} needs {Length} elements, the array has {data.Length}.", nameof(data));
        _buffer = data;
    }

    /// <summary>The elements in C order.</summary>
    public Span<float> Span => Buffer.AsSpan(0, Length);

    /// <summary>The backing array, which may be longer than <see cref="Length"/>.</summary>
    internal float[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Tensor));

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Copies the elements into a new array.</summary>
    public float[] ToArray() => Span.ToArray();

    /// <summary>Returns a pooled buffer to the pool; the tensor is unusable afterwards.</summary>
    public void Dispose()
    {
        if (_pooled && _buffer is not null) ArrayPool<float>.Shared.Return(_buffer);
        _buffer = null;
    }

    /// <summary>Product of the dimensions; throws <see cref="ModelFormatException"/> on a negative dimension or overflow.</summary>
    public static int ElementCount(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ModelFormatException($"Shape {Format(shape)} has a negative dimension.");
            n *= d;
            if (n > Array.MaxLength) throw new ModelFormatException($"Shape {Format(shape)} has more than {Array.MaxLength} elements.");
        }
        return (int)n;
    }

    /// <summary>Formats a shape as <c>[1,3,224,224]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(",", shape.ToArray()) + "]";

    /// <inheritdoc />
    public override string ToString() => $"Tensor{Format(Shape)}";
}
