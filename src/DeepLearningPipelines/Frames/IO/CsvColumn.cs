using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// One column of a CSV batch being parsed straight into a typed Arrow buffer (no boxed values). A record's field is
/// first staged, then committed once the whole record is known to be kept (a dropped malformed record leaves nothing).
/// </summary>
internal abstract class CsvColumn
{
    /// <summary>Parses <paramref name="text"/> as the pending value; false (and nothing staged) when it does not parse.</summary>
    public abstract bool TryStage(string text);

    /// <summary>Makes the pending value null.</summary>
    public abstract void StageNull();

    /// <summary>Appends the pending value to the column.</summary>
    public abstract void Commit();

    /// <summary>The committed values as an Arrow array.</summary>
    public abstract IArrowArray Build();

    /// <summary>A fresh column for <paramref name="type"/> (types CSV cannot hold never parse, as before).</summary>
    public static CsvColumn For(DataType type, int capacity) => type switch
    {
        _ when type == DataTypes.String => new Strings(),
        _ when type == DataTypes.Integer => new Parsed<int>(type, capacity, (string s, out int v) => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)),
        _ when type == DataTypes.Long => new Parsed<long>(type, capacity, (string s, out long v) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v)),
        _ when type == DataTypes.Double => new Parsed<double>(type, capacity, CsvValueParser.TryParseDouble),
        _ when type == DataTypes.Float => new Parsed<float>(type, capacity, (string s, out float v) =>
        {
            bool ok = CsvValueParser.TryParseDouble(s, out var d);
            v = (float)d;
            return ok;
        }),
        _ => new Boxed(type),
    };

    private delegate bool Parser<T>(string text, out T value);

    private sealed class Parsed<T>(DataType type, int capacity, Parser<T> parse) : CsvColumn where T : struct, INumber<T>
    {
        private readonly ArrowBuffer.Builder<T> _values = new(Math.Max(1, capacity));
        private readonly ValidityBuilder _validity = new();
        private int _length;
        private T _pending;
        private bool _pendingValid;

        public override bool TryStage(string text) => _pendingValid = parse(text, out _pending);
        public override void StageNull() => _pendingValid = false;

        public override void Commit()
        {
            _values.Append(_pendingValid ? _pending : default);
            _validity.Append(_pendingValid);
            _length++;
        }

        public override IArrowArray Build() =>
            ArrowArrayFactory.BuildArray(new ArrayData(ArrowTypes.ToArrow(type), _length, _validity.NullCount, 0, [_validity.Build(), _values.Build()]));
    }

    private sealed class Strings : CsvColumn
    {
        private readonly StringArray.Builder _builder = new();
        private string? _pending;

        public override bool TryStage(string text)
        {
            _pending = text;
            return true;
        }

        public override void StageNull() => _pending = null;

        public override void Commit()
        {
            if (_pending is null) _builder.AppendNull();
            else _builder.Append(_pending);
        }

        public override IArrowArray Build() => _builder.Build();
    }

    /// <summary>Booleans and any other type: parsed by <see cref="CsvValueParser.TryParse"/>.</summary>
    private sealed class Boxed(DataType type) : CsvColumn
    {
        private readonly ColumnBuilder _builder = ColumnBuilder.For(type, "");
        private object? _pending;

        public override bool TryStage(string text) => CsvValueParser.TryParse(text, type, out _pending);
        public override void StageNull() => _pending = null;
        public override void Commit() => _builder.Append(_pending);
        public override IArrowArray Build() => _builder.Build();
    }
}
