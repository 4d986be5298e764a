using System.Text;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// Reads the lines of a file whose first byte lies in [start, end): a file split. Lines end with <c>\n</c> (a
/// preceding <c>\r</c> is dropped). Each line comes with the byte offset where it starts. A UTF-8 byte-order mark at
/// the start of the file is skipped.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly long _end;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _pos, _len;
    private long _bufferOffset;

    public LineReader(string path, long start, long end)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        _end = end;
        if (start > 0)
        {
            _stream.Seek(start - 1, SeekOrigin.Begin);
            _bufferOffset = start - 1;
            SkipPastNewline();
        }
        else if (Fill() && _buffer.AsSpan(0, _len).StartsWith(TextSniffer.Utf8Bom)) _pos = TextSniffer.Utf8Bom.Length;
    }

    /// <summary>The byte offset of the next line.</summary>
    public long Position => _bufferOffset + _pos;

    /// <summary>The next line starting inside the split, or null at its end. <paramref name="ignoreEnd"/> continues a record across the split end.</summary>
    public string? ReadLine(out long offset, bool ignoreEnd = false)
    {
        offset = Position;
        if (!ignoreEnd && offset >= _end) return null;
        if (_pos >= _len && !Fill()) return null;
        int nl = Array.IndexOf(_buffer, (byte)'\n', _pos, _len - _pos);
        if (nl >= 0)
        {
            var line = _buffer.AsSpan(_pos, nl - _pos);
            _pos = nl + 1;
            return Decode(line);
        }
        var bytes = new List<byte>();
        while (true)
        {
            if (_pos >= _len && !Fill()) break;
            nl = Array.IndexOf(_buffer, (byte)'\n', _pos, _len - _pos);
            if (nl < 0)
            {
                bytes.AddRange(new ArraySegment<byte>(_buffer, _pos, _len - _pos));
                _pos = _len;
                continue;
            }
            bytes.AddRange(new ArraySegment<byte>(_buffer, _pos, nl - _pos));
            _pos = nl + 1;
            break;
        }
        return Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>A line's text without its trailing carriage return.</summary>
    private static string Decode(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        return Encoding.UTF8.GetString(line);
    }

    private void SkipPastNewline()
    {
        while (true)
        {
            if (_pos >= _len && !Fill()) return;
            int nl = Array.IndexOf(_buffer, (byte)'\n', _pos, _len - _pos);
            if (nl >= 0) { _pos = nl + 1; return; }
            _pos = _len;
        }
    }

    private bool Fill()
    {
        _bufferOffset += _len;
        _pos = 0;
        _len = _stream.Read(_buffer, 0, _buffer.Length);
        return _len > 0;
    }

    /// <summary>The 1-based line number of the line starting at <paramref name="offset"/>.</summary>
    public static long LineNumberAt(string path, long offset)
    {
        using var s = File.OpenRead(path);
        var buf = new byte[1 << 16];
        long line = 1, read = 0;
        while (read < offset)
        {
            int n = s.Read(buf, 0, (int)Math.Min(buf.Length, offset - read));
            if (n <= 0) break;
            line += buf.AsSpan(0, n).Count((byte)'\n');
            read += n;
        }
        return line;
    }

    public void Dispose() => _stream.Dispose();
}
