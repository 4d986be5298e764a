using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Vision.Tensors;

/// <summary>
/// Reads the rows of a column that feeds a model input as float32 values: <c>array&lt;float&gt;</c>,
/// <c>array&lt;double&gt;</c> or a vector (sparse vectors are written densely), one row being one flattened sample.
/// </summary>
internal sealed class TensorColumn
{
    private readonly string _column;
    private readonly VectorColumn? _vectors;
    private readonly ListArray? _lists;
    private readonly FloatArray? _floats;
    private readonly DoubleArray? _doubles;
    private double[] _scratch = [];

    public TensorColumn(IArrowArray array, string column)
    {
        _column = column;
        if (array is ListArray list)
        {
            _lists = list;
            _floats = list.Values as FloatArray;
            _doubles = list.Values as DoubleArray;
            if (_floats is null && _doubles is null)
                throw new DataFormatException($"Column '{column}' holds arrays of {list.Values.GetType().Name}; a model input needs array<float>, array<double> or vector.");
        }
        else _vectors = new VectorColumn(array, column);
    }

    /// <summary>True when <paramref name="row"/> is null (the row gets null outputs).</summary>
    public bool IsNull(int row) => _lists?.IsNull(row) ?? _vectors!.IsNull(row);

    /// <summary>The number of values of <paramref name="row"/> (not null).</summary>
    public int Length(int row) => _lists?.GetValueLength(row) ?? _vectors!.Size(row);

    /// <summary>Writes the values of <paramref name="row"/> (not null, of <see cref="Length"/> values) into <paramref name="target"/>.</summary>
    public void CopyTo(int row, Span<float> target)
    {
        if (_vectors is not null)
        {
            if (_scratch.Length < target.Length) _scratch = new double[target.Length];
            var values = _scratch.AsSpan(0, target.Length);
            _vectors.CopyTo(row, values);
            for (int i = 0; i < values.Length; i++) target[i] = (float)values[i];
            return;
        }
        int start = _lists!.ValueOffsets[row];
        IArrowArray elements = (IArrowArray?)_floats ?? _doubles!;
        if (elements.NullCount > 0)
            for (int i = 0; i < target.Length; i++)
                if (elements.IsNull(start + i))
                    throw new DataFormatException($"Column '{_column}' has a null element at index {i} of row {row} of its batch; a model input takes numbers only.");
        if (_floats is not null) _floats.Values.Slice(start, target.Length).CopyTo(target);
        else
        {
            var values = _doubles!.Values.Slice(start, target.Length);
            for (int i = 0; i < values.Length; i++) target[i] = (float)values[i];
        }
    }
}
