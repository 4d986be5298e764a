using System.Buffers;
using System.Text.Unicode;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>Checks that an input file starts as text (UTF-8, no NUL bytes) before it is parsed as records.</summary>
internal static class TextSniffer
{
    /// <summary>How many leading bytes are checked.</summary>
    public const int SampleSize = 1024;

    /// <summary>The UTF-8 byte-order mark, skipped by the readers.</summary>
    public static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Throws a <see cref="DataFormatException"/> naming <paramref name="path"/> and the first binary byte, if any.</summary>
    public static void RequireText(string path, string format)
    {
        var sample = new byte[SampleSize];
        int n;
        using (var s = File.OpenRead(path)) n = s.ReadAtLeast(sample, SampleSize, throwOnEndOfStream: false);
        var at = FirstBinaryByte(sample.AsSpan(0, n), complete: n < SampleSize);
        if (at >= 0)
            throw new DataFormatException($"{path} does not look like {format} text (binary content at byte {at}); check the path, or convert the file to UTF-8 text.");
    }

    /// <summary>
    /// The offset of the first NUL byte or invalid UTF-8 sequence, or -1. When <paramref name="complete"/> is false
    /// the sample was cut, so a multi-byte character left unfinished at its end is not counted as invalid.
    /// </summary>
    internal static int FirstBinaryByte(ReadOnlySpan<byte> sample, bool complete)
    {
        int nul = sample.IndexOf((byte)0);
        var text = nul >= 0 ? sample[..nul] : sample;
        var status = Utf8.ToUtf16(text, new char[text.Length], out int read, out _, replaceInvalidSequences: false, isFinalBlock: complete || nul >= 0);
        return status == OperationStatus.InvalidData ? read : nul;
    }
}
