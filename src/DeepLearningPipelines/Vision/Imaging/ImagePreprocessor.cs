using DeepLearningPipelines.Vision.Codecs;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Encoded image bytes to one image's slice of a model input tensor: decode, resize, lay out, preprocess.</summary>
public static class ImagePreprocessor
{
    /// <summary>
    /// Decodes <paramref name="encoded"/> and writes it, resized by <paramref name="resize"/>, into
    /// <paramref name="destination"/> (3 × height × width floats) as <paramref name="format"/> says.
    /// </summary>
    /// <param name="encoded">A JPEG, PNG or BMP file.</param>
    /// <param name="origin">Where the bytes came from, for error messages.</param>
    /// <param name="resize">Output size and method.</param>
    /// <param name="format">Tensor layout, channel order and preprocessing.</param>
    /// <param name="destination">The image's slice of the batch tensor.</param>
    /// <param name="decode">Decoding options; <see cref="DecodeOptions.Default"/> when null.</param>
    /// <param name="dctScaling">Let the decoders shrink large images while staying at least the output size (JPEG DCT
    /// scaling by 1/2, 1/4 or 1/8; PNG box averaging by an integer factor). Faster and smaller for large images, but the
    /// pixels differ slightly from resizing the full-size decode.</param>
    /// <exception cref="Core.DataFormatException">The bytes cannot be decoded; the message names <paramref name="origin"/>.</exception>
    public static void DecodeInto(ReadOnlySpan<byte> encoded, string origin, ResizeOptions resize, TensorFormat format,
        Span<float> destination, DecodeOptions? decode = null, bool dctScaling = false)
    {
        decode ??= DecodeOptions.Default;
        if (dctScaling) decode = decode with { TargetWidth = resize.Width, TargetHeight = resize.Height };
        ImageResizer.ResizeToTensor(ImageDecoder.Decode(encoded, origin, decode), resize, format, destination);
    }
}
