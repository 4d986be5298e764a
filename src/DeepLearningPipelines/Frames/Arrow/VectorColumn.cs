using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>
/// Reads a vector column (VectorUDT storage struct) straight from its Arrow buffers: sizes, dense values and
/// sparse entries without creating <see cref="Vector"/> objects.
/// </summary>
internal sealed class VectorColumn
{
    private readonly StructArray _array;
    private readonly Int8Array _kinds;
    private readonly Int32Array _sizes;
    private readonly ListArray _indices, _values;
    private readonly Int32Array _indexData;
    private readonly DoubleArray _valueData;

    public VectorColumn(IArrowArray array, string column)
    {
        if (array is not StructArray { Fields.Count: 4 } s || s.Fields[0] is not Int8Array kinds || s.Fields[1] is not Int32Array sizes
            || s.Fields[2] is not ListArray { Values: Int32Array idx } indices || s.Fields[3] is not ListArray { Values: DoubleArray vals } values)
            throw new DataFormatException($"Column '{column}' is not a vector column (it is stored as {array.GetType().Name}).");
        _array = s;
        _kinds = kinds;
        _sizes = sizes;
        _indices = indices;
        _values = values;
        _indexData = idx;
        _valueData = vals;
    }

    public int Length => _array.Length;

    public bool IsNull(int row) => _array.IsNull(row);

    public bool IsDense(int row) => _kinds.Values[row] == 1;

    /// <summary>The vector's size (not null).</summary>
    public int Size(int row) => IsDense(row) ? _values.GetValueLength(row) : _sizes.Values[row];

    /// <summary>The stored values: every value when dense, the active ones when sparse.</summary>
    public ReadOnlySpan<double> Values(int row) => _valueData.Values.Slice(_values.ValueOffsets[row], _values.GetValueLength(row));

    /// <summary>The indices of the active values (sparse only).</summary>
    public ReadOnlySpan<int> Indices(int row) => _indexData.Values.Slice(_indices.ValueOffsets[row], _indices.GetValueLength(row));

    /// <summary>Writes the vector densely into <paramref name="target"/> (of length <see cref="Size"/>).</summary>
    public void CopyTo(int row, Span<double> target)
    {
        if (IsDense(row))
        {
            Values(row).CopyTo(target);
            return;
        }
        target.Clear();
        var idx = Indices(row);
        var vals = Values(row);
        for (int k = 0; k < idx.Length; k++) target[idx[k]] = vals[k];
    }

    /// <summary>The vector at <paramref name="row"/> as an object (not null).</summary>
    public Vector Get(int row) => IsDense(row) ? new DenseVector(Values(row).ToArray()) : new SparseVector(Size(row), Indices(row).ToArray(), Values(row).ToArray());
}
