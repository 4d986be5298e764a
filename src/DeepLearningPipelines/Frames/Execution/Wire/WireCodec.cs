using System.Collections.Concurrent;
using System.Reflection;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Wire;

/// <summary>Writes and reads values of one type between processes (the partition results an MPI executor gathers).</summary>
internal abstract class WireCodec
{
    private static readonly ConcurrentDictionary<Type, WireCodec> Cache = new();

    public abstract void Write(BinaryWriter writer, object? value);
    public abstract object? Read(BinaryReader reader);

    /// <summary>
    /// The codec of <paramref name="type"/>: primitives, strings, enums, nullables, arrays, lists, dictionaries and
    /// value tuples of supported types, <see cref="RowBatch"/>es (Arrow IPC) and <see cref="IWireValue{TSelf}"/> types.
    /// Throws a <see cref="DlpException"/> naming the type (and the part that is not supported) otherwise.
    /// </summary>
    public static WireCodec For(Type type)
    {
        try { return Get(type); }
        catch (MissingCodec missing) { throw Unsupported(type, missing.Type); }
    }

    private static WireCodec Get(Type type) => Cache.GetOrAdd(type, t => Build(t) ?? throw new MissingCodec(t));

    private static WireCodec? Build(Type t)
    {
        if (ScalarCodec.Of(t) is { } scalar) return scalar;
        if (t == typeof(RowBatch)) return new BatchCodec();
        if (t.IsEnum) return new EnumCodec(t);
        if (Nullable.GetUnderlyingType(t) is { } inner) return new NullableCodec(Get(inner));
        if (t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireValue<>) && i.GetGenericArguments()[0] == t))
            return (WireCodec)Activator.CreateInstance(typeof(WireValueCodec<>).MakeGenericType(t))!;
        if (t.IsArray && t.GetArrayRank() == 1) return ListOf(t.GetElementType()!, t);
        if (!t.IsGenericType) return null;
        var definition = t.GetGenericTypeDefinition();
        var args = t.GetGenericArguments();
        if (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(ICollection<>))
            return ListOf(args[0], t);
        if (definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(IDictionary<,>))
            return new DictionaryCodec(args[0], args[1], Get(args[0]), Get(args[1]));
        if (t.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal))
            return new TupleCodec(t, args.Select(Get).ToArray());
        return null;
    }

    private static WireCodec ListOf(Type element, Type collection) =>
        element == typeof(RowBatch) ? new BatchListCodec(collection.IsArray) : new ListCodec(element, Get(element), collection.IsArray);

    private static DlpException Unsupported(Type requested, Type part) => new(
        $"The MPI executor cannot send values of type {Name(requested)} between ranks{(part == requested ? "" : $" (its part {Name(part)} has no wire format)")}. " +
        "Partition results and accumulators must be primitives, strings, enums, arrays, lists, dictionaries or value tuples of them, RowBatches, " +
        "or types implementing IWireValue<T>; implement IWireValue<T> for it, or run this action with a local master (local[N]).");

    internal static string Name(Type t) => !t.IsGenericType ? t.Name
        : $"{t.Name[..t.Name.IndexOf('`')]}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>";

    /// <summary>Raised while building a codec when a part of the type has none; reported for the whole type by <see cref="For"/>.</summary>
    private sealed class MissingCodec(Type type) : Exception
    {
        public Type Type { get; } = type;
    }

    /// <summary>A nullable value type: a null flag, then the value.</summary>
    private sealed class NullableCodec(WireCodec inner) : WireCodec
    {
        public override void Write(BinaryWriter writer, object? value)
        {
            writer.Write(value is not null);
            if (value is not null) inner.Write(writer, value);
        }

        public override object? Read(BinaryReader reader) => reader.ReadBoolean() ? inner.Read(reader) : null;
    }

    private sealed class EnumCodec(Type type) : WireCodec
    {
        public override void Write(BinaryWriter writer, object? value) => writer.Write(Convert.ToInt64(value));
        public override object? Read(BinaryReader reader) => Enum.ToObject(type, reader.ReadInt64());
    }

    private sealed class ListCodec(Type element, WireCodec codec, bool array) : WireCodec
    {
        public override void Write(BinaryWriter writer, object? value)
        {
            writer.Write(value is not null);
            if (value is null) return;
            var items = ((System.Collections.IEnumerable)value).Cast<object?>().ToList();
            writer.Write(items.Count);
            foreach (var item in items) codec.Write(writer, item);
        }

        public override object? Read(BinaryReader reader)
        {
            if (!reader.ReadBoolean()) return null;
            int count = reader.ReadInt32();
            var result = array ? Array.CreateInstance(element, count) : null;
            var list = array ? null : (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element), count)!;
            for (int i = 0; i < count; i++)
            {
                var item = codec.Read(reader);
                if (result is not null) result.SetValue(item, i);
                else list!.Add(item);
            }
            return (object?)result ?? list;
        }
    }

    private sealed class DictionaryCodec(Type key, Type value, WireCodec keys, WireCodec values) : WireCodec
    {
        public override void Write(BinaryWriter writer, object? dictionary)
        {
            writer.Write(dictionary is not null);
            if (dictionary is null) return;
            var entries = ((System.Collections.IEnumerable)dictionary).Cast<object>().ToList();
            writer.Write(entries.Count);
            foreach (var entry in entries)
            {
                var type = entry.GetType();
                keys.Write(writer, type.GetProperty("Key")!.GetValue(entry));
                values.Write(writer, type.GetProperty("Value")!.GetValue(entry));
            }
        }

        public override object? Read(BinaryReader reader)
        {
            if (!reader.ReadBoolean()) return null;
            var type = typeof(Dictionary<,>).MakeGenericType(key, value);
            var result = (System.Collections.IDictionary)(key == typeof(string)
                ? Activator.CreateInstance(type, StringComparer.Ordinal)!
                : Activator.CreateInstance(type)!);
            int count = reader.ReadInt32();
            for (int i = 0; i < count; i++) result.Add(keys.Read(reader)!, values.Read(reader));
            return result;
        }
    }

    private sealed class TupleCodec(Type type, WireCodec[] items) : WireCodec
    {
        private readonly FieldInfo[] _fields = Enumerable.Range(1, items.Length).Select(i => type.GetField(i < 8 ? $"Item{i}" : "Rest")!).ToArray();

        public override void Write(BinaryWriter writer, object? value)
        {
            for (int i = 0; i < items.Length; i++) items[i].Write(writer, _fields[i].GetValue(value));
        }

        public override object? Read(BinaryReader reader) =>
            Activator.CreateInstance(type, items.Select(c => c.Read(reader)).ToArray());
    }

    private sealed class WireValueCodec<T> : WireCodec where T : IWireValue<T>
    {
        public override void Write(BinaryWriter writer, object? value)
        {
            writer.Write(value is not null);
            if (value is not null) ((T)value).Write(writer);
        }

        public override object? Read(BinaryReader reader) => reader.ReadBoolean() ? T.Read(reader) : null;
    }

    private sealed class BatchCodec : WireCodec
    {
        public override void Write(BinaryWriter writer, object? value)
        {
            writer.Write(value is not null);
            if (value is RowBatch b) ArrowWire.Write(writer, b.Schema, [b]);
        }

        public override object? Read(BinaryReader reader) => reader.ReadBoolean() ? ArrowWire.Read(reader, null)[0] : null;
    }

    /// <summary>A list of batches as one Arrow IPC stream (batches of one list share a schema, as a partition's do).</summary>
    private sealed class BatchListCodec(bool array) : WireCodec
    {
        public override void Write(BinaryWriter writer, object? value)
        {
            writer.Write(value is not null);
            if (value is null) return;
            var batches = ((IEnumerable<RowBatch>)value).ToList();
            ArrowWire.Write(writer, batches.Count > 0 ? batches[0].Schema : new StructType(), batches);
        }

        public override object? Read(BinaryReader reader)
        {
            if (!reader.ReadBoolean()) return null;
            var batches = ArrowWire.Read(reader, null);
            return array ? batches.ToArray() : batches;
        }
    }
}
