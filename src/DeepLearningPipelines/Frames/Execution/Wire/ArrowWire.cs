using Apache.Arrow;
using Apache.Arrow.Ipc;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Execution.Wire;

/// <summary>
/// Batches on the wire between processes: the columns as one Arrow IPC stream, followed by each batch's row
/// identities and file lines, so that rows keep the origins they would have had in one process.
/// </summary>
internal static class ArrowWire
{
    /// <summary>Writes <paramref name="batches"/> (all of <paramref name="schema"/>).</summary>
    public static void Write(BinaryWriter writer, StructType schema, IReadOnlyList<RowBatch> batches)
    {
        writer.Write(batches.Count);
        if (batches.Count == 0) return;
        using (var ipc = new MemoryStream())
        {
            using (var stream = new ArrowStreamWriter(ipc, ArrowTypes.ToSchema(schema), leaveOpen: true))
            {
                foreach (var b in batches) stream.WriteRecordBatch(b.ToRecordBatch());
                stream.WriteEnd();
            }
            writer.Write(ipc.Length);
            writer.Write(ipc.GetBuffer(), 0, (int)ipc.Length);
        }
        foreach (var b in batches) WriteOrigins(writer, b.Origins);
    }

    /// <summary>Reads what <see cref="Write"/> wrote, under <paramref name="schema"/> (null: the schema the stream carries).</summary>
    public static List<RowBatch> Read(BinaryReader reader, StructType? schema)
    {
        int count = reader.ReadInt32();
        var batches = new List<RowBatch>(count);
        if (count == 0) return batches;
        var ipc = reader.ReadBytes(checked((int)reader.ReadInt64()));
        using (var stream = new ArrowStreamReader(new MemoryStream(ipc)))
        {
            while (stream.ReadNextRecordBatch() is { } record)
            {
                if (schema is null)
                {
                    batches.Add(RowBatch.FromRecordBatch(record));
                    continue;
                }
                var columns = new IArrowArray[record.ColumnCount];
                for (int c = 0; c < columns.Length; c++) columns[c] = record.Column(c);
                batches.Add(new RowBatch(schema, columns, record.Length));
            }
        }
        if (batches.Count != count) throw new DlpException($"An Arrow IPC message held {batches.Count} batches where {count} were sent.");
        for (int i = 0; i < count; i++)
            if (ReadOrigins(reader) is { } origins) batches[i] = batches[i].WithOrigins(origins);
        return batches;
    }

    private static void WriteOrigins(BinaryWriter writer, RowOrigins? origins)
    {
        writer.Write(origins is not null);
        if (origins is null) return;
        writer.Write(origins.Keys.Length);
        foreach (var k in origins.Keys) writer.Write(k);
        writer.Write(origins.File ?? "");
        var lines = origins.Lines;
        writer.Write(lines is not null);
        if (lines is not null) foreach (var l in lines) writer.Write(l);
    }

    private static RowOrigins? ReadOrigins(BinaryReader reader)
    {
        if (!reader.ReadBoolean()) return null;
        var keys = new ulong[reader.ReadInt32()];
        for (int i = 0; i < keys.Length; i++) keys[i] = reader.ReadUInt64();
        var file = reader.ReadString();
        long[]? lines = null;
        if (reader.ReadBoolean())
        {
            lines = new long[keys.Length];
            for (int i = 0; i < lines.Length; i++) lines[i] = reader.ReadInt64();
        }
        return RowOrigins.Of(keys, file.Length == 0 ? null : file, lines);
    }
}
