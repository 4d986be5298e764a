namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Shape and hyper-parameters of a 2-D convolution over NCHW data with OIHW weights
/// (<c>[OutChannels, InChannels/Groups, KernelH, KernelW]</c>). Padding is explicit per side, so TF "SAME"
/// padding with the extra row at the bottom/right is representable.
/// </summary>
internal readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int InH, int InW, int OutChannels, int KernelH, int KernelW,
    int StrideH = 1, int StrideW = 1, int DilationH = 1, int DilationW = 1,
    int PadTop = 0, int PadLeft = 0, int PadBottom = 0, int PadRight = 0, int Groups = 1)
{
    public int OutH => (InH + PadTop + PadBottom - DilationH * (KernelH - 1) - 1) / StrideH + 1;
    public int OutW => (InW + PadLeft + PadRight - DilationW * (KernelW - 1) - 1) / StrideW + 1;

    /// <summary>Input channels seen by one group.</summary>
    public int GroupInChannels => InChannels / Groups;

    /// <summary>Output channels produced by one group.</summary>
    public int GroupOutChannels => OutChannels / Groups;

    /// <summary>Length of one im2col column: <c>GroupInChannels·KernelH·KernelW</c>.</summary>
    public int PatchSize => GroupInChannels * KernelH * KernelW;

    /// <summary>True when the convolution is a plain matrix product over the channel dimension.</summary>
    public bool IsPointwise => KernelH == 1 && KernelW == 1 && StrideH == 1 && StrideW == 1
        && PadTop == 0 && PadLeft == 0 && PadBottom == 0 && PadRight == 0;

    /// <summary>True when every group has exactly one input channel (depthwise, any channel multiplier).</summary>
    public bool IsDepthwise => Groups > 1 && Groups == InChannels;

    /// <summary>Multiply-accumulate operations for the whole batch.</summary>
    public long Macs => (long)Batch * OutChannels * OutH * OutW * PatchSize;
}
