using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeepLearningPipelines.Tests.Nn.Zoo;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 (raw <see cref="TcpListener"/>) serving one byte array under any path,
/// honouring <c>Range: bytes=N-</c>. It can cut its first response after a number of body bytes, to test resuming.
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly byte[] _content;
    private readonly long? _cutFirstResponseAfter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer(byte[] content, long? cutFirstResponseAfter = null)
    {
        (_content, _cutFirstResponseAfter) = (content, cutFirstResponseAfter);
        _listener.Start();
        _loop = Task.Run(AcceptLoop);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/weights/");

    /// <summary>The Range header of each request in order (null when absent).</summary>
    public List<string?> Ranges { get; } = [];

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using (client) await Serve(client.GetStream());
        }
    }

    private async Task Serve(NetworkStream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1) header.Append((char)one[0]);
        string? range = header.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase))?[6..].Trim();
        int request = Interlocked.Increment(ref _requests);
        lock (Ranges) Ranges.Add(range);

        long start = range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) ? long.Parse(range[6..].TrimEnd('-')) : 0;
        long length = _content.Length - start;
        string status = range is null ? "200 OK" : "206 Partial Content";
        string head = $"HTTP/1.1 {status}\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n"
            + (range is null ? "" : $"Content-Range: bytes {start}-{_content.Length - 1}/{_content.Length}\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        long send = request == 1 && _cutFirstResponseAfter is { } cut ? Math.Min(cut, length) : length;
        await stream.WriteAsync(_content.AsMemory((int)start, (int)send));
        await stream.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
