namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// How a model expects its RGB 0–255 input scaled, as keras.applications' <c>preprocess_input</c> modes; the one
/// definition for zoo models, model files and the image resizer. Saved pipelines store <see cref="ImagePreprocessor.KerasName"/>.
/// </summary>
public enum ImagePreprocessing
{
    /// <summary>Raw RGB values 0–255, for models whose graph does its own preprocessing.</summary>
    None,
    /// <summary><c>caffe</c>: RGB to BGR, then subtract the ImageNet means (103.939, 116.779, 123.68); no scaling.</summary>
    Caffe,
    /// <summary><c>tf</c>: x / 127.5 − 1, to [−1, 1].</summary>
    Tf,
    /// <summary><c>torch</c>: x / 255, then subtract (0.485, 0.456, 0.406) and divide by (0.229, 0.224, 0.225) per RGB channel.</summary>
    Torch,
}

/// <summary>Applies an <see cref="ImagePreprocessing"/> mode to channels-last RGB pixels in place.</summary>
public static class ImagePreprocessor
{
    private static readonly float[] CaffeMeansBgr = [103.939f, 116.779f, 123.68f];
    private static readonly float[] TorchMeans = [0.485f, 0.456f, 0.406f], TorchStds = [0.229f, 0.224f, 0.225f];

    /// <summary>The mode's name as keras.applications spells it.</summary>
    public static string KerasName(this ImagePreprocessing mode) => mode.ToString().ToLowerInvariant();

    /// <summary>Transforms <paramref name="rgb"/> (…, 3 channels last, values 0–255) in place.</summary>
    public static void Apply(ImagePreprocessing mode, Span<float> rgb)
    {
        if (rgb.Length % 3 != 0) throw new ArgumentException("Channels-last RGB data must have a multiple of 3 values.", nameof(rgb));
        if (mode == ImagePreprocessing.None) return;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            float r = rgb[i], g = rgb[i + 1], b = rgb[i + 2];
            switch (mode)
            {
                case ImagePreprocessing.Caffe:
                    rgb[i] = b - CaffeMeansBgr[0];
                    rgb[i + 1] = g - CaffeMeansBgr[1];
                    rgb[i + 2] = r - CaffeMeansBgr[2];
                    break;
                case ImagePreprocessing.Tf:
                    rgb[i] = r / 127.5f - 1f;
                    rgb[i + 1] = g / 127.5f - 1f;
                    rgb[i + 2] = b / 127.5f - 1f;
                    break;
                case ImagePreprocessing.Torch:
                    for (int c = 0; c < 3; c++) rgb[i + c] = (rgb[i + c] / 255f - TorchMeans[c]) / TorchStds[c];
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
            }
        }
    }
}
