using DeepLearningPipelines.Nn.Zoo;

namespace DeepLearningPipelines.Vision.Imaging;

/// <summary>Memory layout of one image in a float tensor.</summary>
public enum TensorLayout
{
    /// <summary>Channel planes: [channel, row, column].</summary>
    Nchw,

    /// <summary>Interleaved: [row, column, channel].</summary>
    Nhwc,
}

/// <summary>Order of the three colour channels in a tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue.</summary>
    Rgb,

    /// <summary>Blue, green, red (Caffe / OpenCV order).</summary>
    Bgr,
}

/// <summary>How a resized image is written into a float tensor slice of 3 × height × width values.</summary>
/// <param name="Layout">NCHW planes or NHWC interleaved.</param>
/// <param name="Order">RGB or BGR channel order.</param>
/// <param name="Preprocessing">Value transform; applied to the pixel values after rounding to 0..255.</param>
public sealed record TensorFormat(
    TensorLayout Layout = TensorLayout.Nchw,
    ChannelOrder Order = ChannelOrder.Rgb,
    ImagePreprocessing Preprocessing = ImagePreprocessing.None);
