namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Column layout of the B and C operands of a <see cref="Sgemm"/> product that spans several images: the columns
/// come in blocks of <see cref="Columns"/> (one image's pixels), and block <c>i</c> of B (of C) starts
/// <c>i·BStride</c> (<c>i·CStride</c>) floats after block 0. <see cref="None"/> is one unbroken block.
/// </summary>
internal readonly record struct ColumnBlocks(int Columns, long BStride, long CStride)
{
    /// <summary>Plain matrices: no blocks.</summary>
    public static ColumnBlocks None => default;

    /// <summary>Float offset of B's column <paramref name="col"/> from column 0, for a B with column stride <paramref name="colStride"/>.</summary>
    public long BOffset(int col, int colStride) =>
        Columns == 0 ? (long)col * colStride : col / Columns * BStride + (long)(col % Columns) * colStride;

    /// <summary>Float offset of C's column <paramref name="col"/> from column 0.</summary>
    public long COffset(int col) => Columns == 0 ? col : col / Columns * CStride + col % Columns;

    /// <summary>Whether columns <paramref name="col"/> … <paramref name="col"/>+<paramref name="count"/>−1 lie in one block.</summary>
    public bool SameBlock(int col, int count) => Columns == 0 || col % Columns + count <= Columns;
}
