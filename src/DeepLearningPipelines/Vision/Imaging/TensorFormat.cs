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

/// <summary>Per-channel value transform applied to the 0..255 pixel values (Keras / PyTorch conventions).</summary>
public enum Preprocessing
{
    /// <summary>Raw values 0..255.</summary>
    None,

    /// <summary>Keras <c>caffe</c>: value minus the ImageNet mean of its colour (B 103.939, G 116.779, R 123.68).</summary>
    Caffe,

    /// <summary>Keras <c>tf</c>: value / 127.5 − 1, giving −1..1.</summary>
    Tf,

    /// <summary>Keras / PyTorch <c>torch</c>: (value / 255 − mean) / std with ImageNet mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225) for R, G, B.</summary>
    Torch,
}

/// <summary>How a resized image is written into a float tensor slice of 3 × height × width values.</summary>
/// <param name="Layout">NCHW planes or NHWC interleaved.</param>
/// <param name="Order">RGB or BGR channel order.</param>
/// <param name="Preprocessing">Value transform; applied to the pixel values after rounding to 0..255.</param>
public sealed record TensorFormat(
    TensorLayout Layout = TensorLayout.Nchw,
    ChannelOrder Order = ChannelOrder.Rgb,
    Preprocessing Preprocessing = Preprocessing.None);
