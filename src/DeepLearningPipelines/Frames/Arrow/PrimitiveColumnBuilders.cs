using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Arrow;

/// <summary>Builds int, long, float or double arrays.</summary>
internal sealed class PrimitiveColumnBuilder<T>(DataType type, string column, int capacity) : ColumnBuilder where T : struct, INumber<T>
{
    private readonly ArrowBuffer.Builder<T> _values = new(Math.Max(capacity, 1));
    private readonly ValidityBuilder _validity = new();

    public override void Append(object? value)
    {
        Length++;
        if (value is null)
        {
            _values.Append(default(T));
            _validity.Append(false);
            return;
        }
        _values.Append(value is T t ? t : Convert(value));
        _validity.Append(true);
    }

    private T Convert(object value)
    {
        if (value is not (int or long or float or double or bool or short or byte)) throw Refused(column, value, $"a {type.SimpleString}");
        return (T)ValueConvert.ToType(value, type, column)!;
    }

    public override IArrowArray Build()
    {
        var data = new ArrayData(ArrowTypes.ToArrow(type), Length, _validity.NullCount, 0, [_validity.Build(), _values.Build()]);
        return ArrowArrayFactory.BuildArray(data);
    }
}

/// <summary>Builds boolean arrays.</summary>
internal sealed class BooleanColumnBuilder(string column) : ColumnBuilder
{
    private readonly BooleanArray.Builder _builder = new();

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null: _builder.AppendNull(); break;
            case bool b: _builder.Append(b); break;
            default: throw Refused(column, value, "a boolean");
        }
    }

    public override IArrowArray Build() => _builder.Build();
}

/// <summary>Builds string arrays.</summary>
internal sealed class StringColumnBuilder(string column) : ColumnBuilder
{
    private readonly StringArray.Builder _builder = new();

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null: _builder.AppendNull(); break;
            case string s: _builder.Append(s); break;
            default: throw Refused(column, value, "a string");
        }
    }

    public override IArrowArray Build() => _builder.Build();
}

/// <summary>Builds binary arrays.</summary>
internal sealed class BinaryColumnBuilder(string column) : ColumnBuilder
{
    private readonly BinaryArray.Builder _builder = new();

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null: _builder.AppendNull(); break;
            case byte[] bytes: _builder.Append(bytes.AsSpan()); break;
            case ReadOnlyMemory<byte> memory: _builder.Append(memory.Span); break;
            default: throw Refused(column, value, "a byte array");
        }
    }

    public override IArrowArray Build() => _builder.Build();
}

/// <summary>Builds date arrays (days since the epoch) from <see cref="DateOnly"/> values.</summary>
internal sealed class DateColumnBuilder(string column) : ColumnBuilder
{
    private readonly Date32Array.Builder _builder = new();

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null: _builder.AppendNull(); break;
            case DateOnly d: _builder.Append(d); break;
            default: throw Refused(column, value, "a DateOnly");
        }
    }

    public override IArrowArray Build() => _builder.Build();
}

/// <summary>Builds Spark's timestamp arrays (microseconds, UTC) from <see cref="DateTime"/> values.</summary>
internal sealed class TimestampColumnBuilder(string column) : ColumnBuilder
{
    private readonly TimestampArray.Builder _builder = new(ArrowTypes.SparkTimestamp);

    public override void Append(object? value)
    {
        Length++;
        switch (value)
        {
            case null: _builder.AppendNull(); break;
            case DateTime t: _builder.Append(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime())); break;
            default: throw Refused(column, value, "a DateTime");
        }
    }

    public override IArrowArray Build() => _builder.Build();
}
