using System.Collections;
using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>Builds list arrays from .NET arrays or lists (typed or of objects).</summary>
internal sealed class ListColumnBuilder(ArrayType type, string column) : ColumnBuilder
{
    private readonly ArrowBuffer.Builder<int> _offsets = new ArrowBuffer.Builder<int>().Append(0);
    private readonly ValidityBuilder _validity = new();
    private readonly ColumnBuilder _elements = For(type.ElementType, column);

    public override void Append(object? value)
    {
        Length++;
        if (value is null)
        {
            _validity.Append(false);
        }
        else if (value is IEnumerable items and not string and not Vector)
        {
            foreach (var item in items) _elements.Append(item);
            _validity.Append(true);
        }
        else throw Refused(column, value, $"an {type.SimpleString}");
        _offsets.Append(_elements.Length);
    }

    public override IArrowArray Build() =>
        new ListArray(ArrowTypes.ToArrow(type), Length, _offsets.Build(), _elements.Build(), _validity.Build(), _validity.NullCount);
}

/// <summary>Builds struct arrays from <see cref="Row"/>s (or value arrays in field order).</summary>
internal sealed class StructColumnBuilder(StructType type, string column) : ColumnBuilder
{
    private readonly ValidityBuilder _validity = new();
    private readonly ColumnBuilder[] _children = type.Fields.Select(f => For(f.DataType, $"{column}.{f.Name}")).ToArray();

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null:
                _validity.Append(false);
                foreach (var c in _children) c.Append(null);
                break;
            case Row row when row.Length == _children.Length:
                _validity.Append(true);
                for (int i = 0; i < _children.Length; i++) _children[i].Append(row[i]);
                break;
            case object?[] values when values.Length == _children.Length:
                _validity.Append(true);
                for (int i = 0; i < _children.Length; i++) _children[i].Append(values[i]);
                break;
            default:
                throw Refused(column, value, $"a row of {type.SimpleString}");
        }
    }

    public override IArrowArray Build() =>
        new StructArray(ArrowTypes.ToArrow(type), Length, _children.Select(c => c.Build()).ToList(), _validity.Build(), _validity.NullCount);
}

/// <summary>Builds vector columns as Spark's VectorUDT storage struct (type 0 = sparse, 1 = dense).</summary>
internal sealed class VectorColumnBuilder(string column) : ColumnBuilder
{
    private readonly ValidityBuilder _validity = new();
    private readonly ArrowBuffer.Builder<sbyte> _kinds = new();
    private readonly Int32Array.Builder _sizes = new();
    private readonly ArrowBuffer.Builder<int> _indexOffsets = new ArrowBuffer.Builder<int>().Append(0);
    private readonly ValidityBuilder _indexValidity = new();
    private readonly ArrowBuffer.Builder<int> _indices = new();
    private readonly ArrowBuffer.Builder<int> _valueOffsets = new ArrowBuffer.Builder<int>().Append(0);
    private readonly ArrowBuffer.Builder<double> _values = new();
    private int _indexCount, _valueCount;

    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                Length++;
                _validity.Append(false);
                _kinds.Append(0);
                _sizes.AppendNull();
                _indexValidity.Append(false);
                break;
            case DenseVector d:
                AppendDense(d.Values);
                return;
            case SparseVector s:
                AppendSparse(s.Size, s.Indices, s.Values);
                return;
            default:
                throw Refused(column, value, "a vector");
        }
        EndRow();
    }

    /// <summary>Appends a dense vector without creating a <see cref="DenseVector"/>.</summary>
    public void AppendDense(ReadOnlySpan<double> values)
    {
        Length++;
        _validity.Append(true);
        _kinds.Append(1);
        _sizes.AppendNull();
        _indexValidity.Append(false);
        _values.Append(values);
        _valueCount += values.Length;
        EndRow();
    }

    /// <summary>Appends a sparse vector without creating a <see cref="SparseVector"/>.</summary>
    public void AppendSparse(int size, ReadOnlySpan<int> indices, ReadOnlySpan<double> values)
    {
        Length++;
        _validity.Append(true);
        _kinds.Append(0);
        _sizes.Append(size);
        _indexValidity.Append(true);
        _indices.Append(indices);
        _indexCount += indices.Length;
        _values.Append(values);
        _valueCount += values.Length;
        EndRow();
    }

    private void EndRow()
    {
        _indexOffsets.Append(_indexCount);
        _valueOffsets.Append(_valueCount);
    }

    public override IArrowArray Build()
    {
        var storage = ArrowTypes.VectorStorage;
        var kinds = new Int8Array(_kinds.Build(), ArrowBuffer.Empty, Length, 0, 0);
        var indexValues = new Int32Array(_indices.Build(), ArrowBuffer.Empty, _indexCount, 0, 0);
        var indices = new ListArray(storage.Fields[2].DataType, Length, _indexOffsets.Build(), indexValues, _indexValidity.Build(), _indexValidity.NullCount);
        var valueValues = new DoubleArray(_values.Build(), ArrowBuffer.Empty, _valueCount, 0, 0);
        var values = new ListArray(storage.Fields[3].DataType, Length, _valueOffsets.Build(), valueValues, ArrowBuffer.Empty, 0);
        return new StructArray(storage, Length, [kinds, _sizes.Build(), indices, values], _validity.Build(), _validity.NullCount);
    }
}
