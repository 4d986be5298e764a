using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Execution.Wire;

/// <summary>Column values held as objects (statistics' minimum, maximum, kept values) on the wire: a type tag, then the value.</summary>
internal static class BoxedValues
{
    public static void Write(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.Write((byte)0); break;
            case int i: writer.Write((byte)1); writer.Write(i); break;
            case long l: writer.Write((byte)2); writer.Write(l); break;
            case double d: writer.Write((byte)3); writer.Write(d); break;
            case float f: writer.Write((byte)4); writer.Write(f); break;
            case short s: writer.Write((byte)5); writer.Write(s); break;
            case byte b: writer.Write((byte)6); writer.Write(b); break;
            case string s: writer.Write((byte)7); writer.Write(s); break;
            case decimal m: writer.Write((byte)8); writer.Write(m); break;
            case bool b: writer.Write((byte)9); writer.Write(b); break;
            default: throw new DlpException($"A value of type {value.GetType().Name} has no wire format between ranks (numbers, strings and booleans have).");
        }
    }

    public static object? Read(BinaryReader reader) => reader.ReadByte() switch
    {
        0 => null,
        1 => reader.ReadInt32(),
        2 => reader.ReadInt64(),
        3 => reader.ReadDouble(),
        4 => reader.ReadSingle(),
        5 => reader.ReadInt16(),
        6 => reader.ReadByte(),
        7 => reader.ReadString(),
        8 => reader.ReadDecimal(),
        9 => reader.ReadBoolean(),
        var tag => throw new DlpException($"Unknown value tag {tag} in a message from another rank."),
    };
}
