namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// A register-blocked <see cref="Sgemm"/> micro-kernel: it multiplies an A panel of <see cref="MR"/> rows by a B panel
/// of <see cref="NR"/> columns (both packed k-major) and stores the tile of C through the <see cref="GemmEpilogue"/>.
/// Implemented by structs, so the generic driver is compiled once per kernel with its tile sizes as constants.
/// </summary>
internal unsafe interface IGemmMicroKernel
{
    /// <summary>Rows of an A panel (and of a C tile).</summary>
    static abstract int MR { get; }

    /// <summary>Columns of a B panel (and of a C tile); a multiple of 8.</summary>
    static abstract int NR { get; }

    /// <summary>
    /// Computes the <paramref name="mr"/>×<paramref name="nr"/> tile of C at <paramref name="c"/> (row
    /// <paramref name="row"/>, column <paramref name="col"/> of the whole product) from kc steps of the packed panels,
    /// adding C's contents when <paramref name="accumulate"/> and applying the epilogue when <paramref name="last"/>.
    /// <paramref name="columnOffsets"/>, when not null, places each column of the tile (relative to column 0).
    /// </summary>
    static abstract void Run(int kc, float* pa, float* pb, float* c, int ldc, int mr, int nr, bool accumulate, bool last, in GemmEpilogue ep,
        int row, int col, nint* columnOffsets);
}
