namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>
/// Resizes 8-bit images (squash or centre crop; area, bilinear or nearest) into a new image or straight into a
/// caller-supplied float tensor slice, using separable precomputed tap tables and vectorised passes.
/// </summary>
public static class ImageResizer
{
    /// <summary>The resized image, with the same channels as <paramref name="source"/>.</summary>
    public static ImageData Resize(ImageData source, ResizeOptions options)
    {
        var plan = ResizePlan.Create(source.Width, source.Height, options);
        var target = new ImageData(options.Height, options.Width, source.Channels);
        var sink = new ByteRowSink(target);
        SeparableResampler.Run(source, plan.X, plan.Y, ref sink);
        return target;
    }

    /// <summary>
    /// Resizes <paramref name="source"/> and writes it as 3 × height × width floats into <paramref name="destination"/>
    /// (for example one image's slice of a batch tensor). Gray sources are replicated to three channels and alpha is
    /// dropped. Values are the 8-bit pixels <see cref="Resize"/> would produce, mapped by <see cref="TensorFormat.Preprocessing"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not hold exactly 3 × height × width values.</exception>
    public static void ResizeToTensor(ImageData source, ResizeOptions options, TensorFormat format, Span<float> destination)
    {
        var expected = 3L * options.Width * options.Height;
        if (destination.Length != expected)
            throw new ArgumentException(
                $"Tensor slice has {destination.Length} values, expected {expected} (3 x {options.Height} x {options.Width}).",
                nameof(destination));
        var plan = ResizePlan.Create(source.Width, source.Height, options);
        var sink = new TensorRowSink(destination, options.Height, options.Width, format);
        SeparableResampler.Run(source.ToBgr(), plan.X, plan.Y, ref sink);
    }
}
