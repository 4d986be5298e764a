namespace DeepLearningPipelines.Frames.Execution.Wire;

/// <summary>Codecs of the primitive types and strings.</summary>
internal sealed class ScalarCodec(Action<BinaryWriter, object> write, Func<BinaryReader, object> read, bool nullable) : WireCodec
{
    public static WireCodec? Of(Type t) =>
        t == typeof(int) ? New((w, v) => w.Write((int)v), r => r.ReadInt32())
        : t == typeof(long) ? New((w, v) => w.Write((long)v), r => r.ReadInt64())
        : t == typeof(double) ? New((w, v) => w.Write((double)v), r => r.ReadDouble())
        : t == typeof(float) ? New((w, v) => w.Write((float)v), r => r.ReadSingle())
        : t == typeof(bool) ? New((w, v) => w.Write((bool)v), r => r.ReadBoolean())
        : t == typeof(ulong) ? New((w, v) => w.Write((ulong)v), r => r.ReadUInt64())
        : t == typeof(short) ? New((w, v) => w.Write((short)v), r => r.ReadInt16())
        : t == typeof(byte) ? New((w, v) => w.Write((byte)v), r => r.ReadByte())
        : t == typeof(decimal) ? New((w, v) => w.Write((decimal)v), r => r.ReadDecimal())
        : t == typeof(DateTime) ? New((w, v) => w.Write(((DateTime)v).ToBinary()), r => DateTime.FromBinary(r.ReadInt64()))
        : t == typeof(string) ? new ScalarCodec((w, v) => w.Write((string)v), r => r.ReadString(), nullable: true)
        : t == typeof(byte[]) ? new ScalarCodec((w, v) => { w.Write(((byte[])v).Length); w.Write((byte[])v); }, r => r.ReadBytes(r.ReadInt32()), nullable: true)
        : null;

    private static ScalarCodec New(Action<BinaryWriter, object> write, Func<BinaryReader, object> read) => new(write, read, nullable: false);

    public override void Write(BinaryWriter writer, object? value)
    {
        if (nullable) writer.Write(value is not null);
        if (value is not null) write(writer, value);
    }

    public override object? Read(BinaryReader reader) => !nullable || reader.ReadBoolean() ? read(reader) : null;
}
