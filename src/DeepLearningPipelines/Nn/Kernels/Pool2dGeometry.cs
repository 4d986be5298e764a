namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Window geometry of a 2-D max or average pooling over NCHW data. With <see cref="CeilMode"/> the output size
/// rounds up, but a last window that would start inside the bottom/right padding is dropped (ONNX/PyTorch rule).
/// </summary>
internal readonly record struct Pool2dGeometry(
    int Batch, int Channels, int InH, int InW, int KernelH, int KernelW,
    int StrideH = 1, int StrideW = 1, int PadTop = 0, int PadLeft = 0, int PadBottom = 0, int PadRight = 0, bool CeilMode = false)
{
    public int OutH => OutSize(InH, KernelH, StrideH, PadTop, PadBottom);
    public int OutW => OutSize(InW, KernelW, StrideW, PadLeft, PadRight);

    private int OutSize(int input, int kernel, int stride, int padBegin, int padEnd)
    {
        int span = input + padBegin + padEnd - kernel;
        int outSize = (CeilMode ? (span + stride - 1) / stride : span / stride) + 1;
        if (CeilMode && (outSize - 1) * stride >= input + padBegin) outSize--;
        return outSize;
    }
}
