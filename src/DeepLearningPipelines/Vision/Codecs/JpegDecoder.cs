using System.Runtime.InteropServices;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Vision.Codecs;

/// <summary>
/// JPEG decoding through libjpeg-turbo's TurboJPEG API: BGR or gray output, CMYK/YCCK converted to BGR, DCT scaling
/// when the caller will shrink the image anyway, and EXIF orientation applied.
/// </summary>
internal static unsafe class JpegDecoder
{
    public static ImageData Decode(ReadOnlySpan<byte> jpeg, string origin, DecodeOptions options)
    {
        var library = TurboJpegLibrary.Get(origin);
        var metadata = JpegMetadata.Read(jpeg);
        var orientation = options.ApplyExifOrientation ? metadata.Orientation : 1;
        var handle = library.InitDecompress();
        if (handle == 0) throw DecodeFailure.Create(origin, "TurboJPEG could not create a decompressor.");
        try
        {
            fixed (byte* source = jpeg)
            {
                int width, height, subsampling, colorspace;
                if (library.DecompressHeader3(handle, source, new CULong((nuint)jpeg.Length), &width, &height, &subsampling, &colorspace) != 0)
                    throw Failure(library, handle, origin, "header");
                if (width == 0 || height == 0)
                    throw DecodeFailure.Create(origin, "JPEG has no image frame (tables only, or the header is truncated).");
                DecodeFailure.CheckSize(width, height, options, origin);

                var denominator = ChooseReduction(library, width, height, orientation, options);
                var scaledWidth = (width + denominator - 1) / denominator;
                var scaledHeight = (height + denominator - 1) / denominator;
                var cmyk = colorspace is TurboJpegLibrary.ColorspaceCmyk or TurboJpegLibrary.ColorspaceYcck;
                var gray = colorspace == TurboJpegLibrary.ColorspaceGray && !options.ForceBgr;
                var (pixelFormat, bytesPerPixel) = cmyk ? (TurboJpegLibrary.PixelFormatCmyk, 4)
                    : gray ? (TurboJpegLibrary.PixelFormatGray, 1)
                    : (TurboJpegLibrary.PixelFormatBgr, 3);

                using var reservation = DecodeBudget.Shared.Reserve(WorkingBytes(width, height, scaledWidth, scaledHeight, bytesPerPixel, metadata));
                var buffer = new byte[(long)scaledWidth * scaledHeight * bytesPerPixel];
                fixed (byte* destination = buffer)
                {
                    var status = library.Decompress2(handle, source, new CULong((nuint)jpeg.Length), destination,
                        scaledWidth, 0, scaledHeight, pixelFormat, TurboJpegLibrary.FlagLimitScans);
                    if (status != 0 && !(options.AcceptJpegWarnings && library.GetErrorCode(handle) == TurboJpegLibrary.ErrorWarning))
                        throw Failure(library, handle, origin, "data");
                }
                var image = cmyk
                    ? CmykConverter.ToBgr(buffer, scaledHeight, scaledWidth, metadata.HasAdobeMarker)
                    : new ImageData(scaledHeight, scaledWidth, bytesPerPixel, buffer);
                return ImageOrientation.Apply(image, orientation);
            }
        }
        finally
        {
            library.Destroy(handle);
        }
    }

    /// <summary>
    /// The largest power-of-two reduction that keeps the decoded image at least the target size in both display
    /// dimensions, or 1 when there is no target.
    /// </summary>
    private static int ChooseReduction(TurboJpegLibrary library, int width, int height, int orientation, DecodeOptions options)
    {
        if (options.TargetWidth <= 0 || options.TargetHeight <= 0) return 1;
        var (targetWidth, targetHeight) = ImageOrientation.SwapsAxes(orientation)
            ? (options.TargetHeight, options.TargetWidth)
            : (options.TargetWidth, options.TargetHeight);
        foreach (var denominator in library.ReductionDenominators)
        {
            if ((width + denominator - 1) / denominator >= targetWidth && (height + denominator - 1) / denominator >= targetHeight)
                return denominator;
        }
        return 1;
    }

    /// <summary>
    /// Estimated decode memory: the output and one copy (orientation, CMYK conversion), plus libjpeg's whole-image
    /// coefficient buffer (2 bytes per sample, 3 components) for progressive files, which DCT scaling does not shrink.
    /// </summary>
    private static long WorkingBytes(int width, int height, int scaledWidth, int scaledHeight, int bytesPerPixel, JpegMetadata metadata) =>
        2L * scaledWidth * scaledHeight * bytesPerPixel + (metadata.Progressive ? 6L * width * height : 0);

    private static Exception Failure(TurboJpegLibrary library, nint handle, string origin, string stage)
    {
        var message = Marshal.PtrToStringUTF8((nint)library.GetErrorStr2(handle)) ?? "unknown error";
        var what = library.GetErrorCode(handle) == TurboJpegLibrary.ErrorWarning ? "corrupt or truncated" : "invalid";
        return DecodeFailure.Create(origin, $"JPEG {stage} is {what}: {message}.");
    }
}
