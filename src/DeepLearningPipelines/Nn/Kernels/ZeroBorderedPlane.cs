namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Scratch planes with a zero border, as the direct and Winograd convolutions read them: an input plane sits at
/// (PadTop, PadLeft) inside a plane <c>paddedW</c> floats wide that was cleared once; only the image's rows are ever
/// written, so the border stays zero from one plane to the next.
/// </summary>
internal static unsafe class ZeroBorderedPlane
{
    /// <summary>Copies rows <paramref name="yBegin"/> … <paramref name="yEnd"/>−1 of the <paramref name="g"/>-shaped input <paramref name="plane"/> into <paramref name="padded"/>.</summary>
    public static void CopyRows(in Conv2dGeometry g, float* plane, float* padded, int paddedW, int yBegin, int yEnd)
    {
        for (int y = yBegin; y < yEnd; y++)
            new ReadOnlySpan<float>(plane + (long)y * g.InW, g.InW).CopyTo(new Span<float>(padded + (long)(y + g.PadTop) * paddedW + g.PadLeft, g.InW));
    }
}
