using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Rows of equal length copied into one contiguous row-major array (row r occupies [r·Columns, (r+1)·Columns)).</summary>
internal sealed class DenseRows
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

    public ReadOnlySpan<double> Row(int r) => Values.AsSpan(r * Columns, Columns);

    /// <summary>Copies <paramref name="rows"/>, rejecting ragged or non-finite input with the offending row and column in the message.</summary>
    public static DenseRows FromRows(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0) throw new DataFormatException("The training data has no rows.");
        int columns = rows[0]?.Length ?? 0;
        var values = new double[(long)rows.Length * columns];
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
