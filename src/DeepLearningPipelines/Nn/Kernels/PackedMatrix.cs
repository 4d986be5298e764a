namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// A GEMM left operand (typically convolution or dense weights) packed once into the layout the
/// <see cref="Sgemm"/> micro-kernel of one vector <see cref="Width"/> reads, so repeated products skip re-packing it.
/// For each block of <see cref="Sgemm.KBlock"/> columns it holds the rows in panels of that kernel's MR rows,
/// k-major, zero-padded. A product with it runs the kernel of its width, whatever <see cref="SimdWidth.Current"/> is.
/// </summary>
internal sealed unsafe class PackedMatrix
{
    private readonly float[] _data;
    private readonly int _offset, _paddedRows, _kStep;

    /// <summary>Packs the <paramref name="rows"/>×<paramref name="cols"/> matrix <paramref name="a"/> for the kernels of <see cref="SimdWidth.Current"/>.</summary>
    public PackedMatrix(MatrixRef a, int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        Width = SimdWidth.Current;
        int panelRows = Sgemm.PanelRows(Width);
        _paddedRows = (rows + panelRows - 1) / panelRows * panelRows;
        _kStep = Sgemm.KBlock(cols);
        _data = GC.AllocateUninitializedArray<float>(checked(_paddedRows * Math.Max(cols, 1) + 16), pinned: true);
        fixed (float* p = _data)
        {
            _offset = (int)((((nint)p + 63) & ~(nint)63) - (nint)p) / sizeof(float);
            for (int pc = 0; pc < cols; pc += _kStep)
                Sgemm.PackA(a.Offset(0, pc), rows, Math.Min(_kStep, cols - pc), panelRows, Panel(0, pc));
        }
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>Vector width, in bits, of the kernels this layout is for (see <see cref="SimdWidth"/>).</summary>
    public int Width { get; }

    /// <summary>Start of the panel holding rows [row, row+MR) and columns [pc, pc+kc); <paramref name="row"/> is a multiple of MR.</summary>
    public float* Panel(int row, int pc)
    {
        int kc = Math.Min(_kStep, Cols - pc);
        fixed (float* p = _data) return p + _offset + (long)_paddedRows * pc + (long)row * kc;
    }
}
