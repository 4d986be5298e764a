using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Rows of equal length in one contiguous row-major array (row r occupies [r·Columns, (r+1)·Columns)),
/// allocated on the pinned object heap so that <see cref="Pointer"/> stays valid.</summary>
internal sealed unsafe class DenseRows
{
    private DenseRows(int rows, int columns)
    {
        Values = GC.AllocateUninitializedArray<double>(checked(rows * columns), pinned: true);
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Copies a row-major matrix of <paramref name="rows"/> × <paramref name="columns"/> values, rejecting a wrong length
    /// or non-finite values with the offending row and column in the message, and no rows unless <paramref name="allowEmpty"/>
    /// (a rank's share of rows spread over ranks may be empty).</summary>
    public DenseRows(double[] values, int rows, int columns, bool allowEmpty = false) : this(CheckedRowCount(values, rows, columns, allowEmpty), columns)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new DataFormatException($"Feature {i % columns} of row {i / columns} is not finite ({values[i]}).");
        values.CopyTo(Values, 0);
    }

    public double[] Values { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Address of the first value.</summary>
    public double* Pointer => (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Values));

    public ReadOnlySpan<double> Row(int r) => Values.AsSpan(r * Columns, Columns);

    /// <summary>Uninitialised storage for <paramref name="rows"/> × <paramref name="columns"/> values.</summary>
    public static DenseRows Allocate(int rows, int columns) => new(rows, columns);

    /// <summary>Copies <paramref name="rows"/>, rejecting ragged or non-finite input with the offending row and column in the message.</summary>
    public static DenseRows FromRows(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new DataFormatException("The training data has no rows.");
        int columns = rows[0]?.Length ?? 0;
        var data = new DenseRows(rows.Length, columns);
        for (int r = 0; r < rows.Length; r++)
        {
            var row = rows[r] ?? throw new DataFormatException($"Feature row {r} is null.");
            if (row.Length != columns)
                throw new DataFormatException($"Feature row {r} has {row.Length} values, row 0 has {columns}.");
            for (int c = 0; c < columns; c++)
                if (!double.IsFinite(row[c]))
                    throw new DataFormatException($"Feature {c} of row {r} is not finite ({row[c]}).");
            row.CopyTo(data.Values, r * columns);
        }
        return data;
    }

    private static int CheckedRowCount(double[] values, int rows, int columns, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rows < 0 || rows == 0 && !allowEmpty) throw new DataFormatException("The training data has no rows.");
        if (columns < 0 || (long)rows * columns != values.Length)
            throw new DataFormatException($"A {rows} × {columns} matrix needs {(long)rows * columns} values, got {values.Length}.");
        return rows;
    }
}
