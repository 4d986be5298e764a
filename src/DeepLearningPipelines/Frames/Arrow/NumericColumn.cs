using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>
/// Reads a numeric or boolean Arrow array as doubles or longs without boxing: the array's type is resolved once,
/// then each read is a typed buffer access.
/// </summary>
internal sealed class NumericColumn
{
    private readonly IArrowArray _array;
    private readonly Int32Array? _ints;
    private readonly Int64Array? _longs;
    private readonly DoubleArray? _doubles;
    private readonly FloatArray? _floats;
    private readonly BooleanArray? _bools;

    public NumericColumn(IArrowArray array, string column)
    {
        _array = array;
        switch (array)
        {
            case Int32Array a: _ints = a; break;
            case Int64Array a: _longs = a; break;
            case DoubleArray a: _doubles = a; break;
            case FloatArray a: _floats = a; break;
            case BooleanArray a: _bools = a; break;
            default: throw new DataFormatException($"Column '{column}' is not numeric (it is stored as {array.GetType().Name}).");
        }
        IsIntegral = _ints is not null || _longs is not null || _bools is not null;
        HasNulls = array.NullCount > 0;
    }

    /// <summary>True for int, long and boolean columns.</summary>
    public bool IsIntegral { get; }

    /// <summary>False when no value is null (no validity checks needed).</summary>
    public bool HasNulls { get; }

    public int Length => _array.Length;

    public bool IsNull(int row) => HasNulls && _array.IsNull(row);

    public double Double(int row) =>
        _doubles is not null ? _doubles.Values[row]
        : _ints is not null ? _ints.Values[row]
        : _longs is not null ? _longs.Values[row]
        : _floats is not null ? _floats.Values[row]
        : _bools!.GetValue(row) == true ? 1 : 0;

    public long Long(int row) =>
        _ints is not null ? _ints.Values[row]
        : _longs is not null ? _longs.Values[row]
        : _bools is not null ? (_bools.GetValue(row) == true ? 1 : 0)
        : (long)Double(row);
}
