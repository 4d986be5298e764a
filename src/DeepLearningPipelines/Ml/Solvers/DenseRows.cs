using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Rows of equal length copied into one contiguous row-major array (row r occupies [r·Columns, (r+1)·Columns)).
/// Arrays built by <see cref="FromRows"/> live on the pinned object heap, so <see cref="Pointer"/> is stable.</summary>
internal sealed unsafe class DenseRows
{
    public DenseRows(double[] values, int rows, int columns)
    {
        Values = values;
        Rows = rows;
        Columns = columns;
    }

    public double[] Values { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Address of the first value; only valid for pinned data (<see cref="FromRows"/>).</summary>
    public double* Pointer => (double*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Values));

    public ReadOnlySpan<double> Row(int r) => Values.AsSpan(r * Columns, Columns);

    /// <summary>Copies <paramref name="rows"/>, rejecting ragged or non-finite input with the offending row and column in the message.</summary>
    public static DenseRows FromRows(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new DataFormatException("The training data has no rows.");
        int columns = rows[0]?.Length ?? 0;
        var values = GC.AllocateUninitializedArray<double>(checked(rows.Length * columns), pinned: true);
        for (int r = 0; r < rows.Length; r++)
        {
            var row = rows[r] ?? throw new DataFormatException($"Feature row {r} is null.");
            if (row.Length != columns)
                throw new DataFormatException($"Feature row {r} has {row.Length} values, row 0 has {columns}.");
            for (int c = 0; c < columns; c++)
                if (!double.IsFinite(row[c]))
                    throw new DataFormatException($"Feature {c} of row {r} is not finite ({row[c]}).");
            row.CopyTo(values, (long)r * columns);
        }
        return new DenseRows(values, rows.Length, columns);
    }
}
