namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>A read-only strided matrix view: element (r, c) is at <c>Data[r·RowStride + c·ColStride]</c>, so a transpose is a stride swap.</summary>
internal readonly unsafe struct MatrixRef(float* data, int rowStride, int colStride = 1)
{
    public readonly float* Data = data;
    public readonly int RowStride = rowStride;
    public readonly int ColStride = colStride;

    /// <summary>View starting at element (row, col).</summary>
    public MatrixRef Offset(int row, int col) => new(Data + (long)row * RowStride + (long)col * ColStride, RowStride, ColStride);
}
