using System.Net;
using System.Net.Http.Headers;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// Downloads a file to <c>destination.part</c>, resuming an existing part with an HTTP Range request (also after a
/// connection drops mid-way, up to <see cref="MaxAttempts"/> attempts), verifies the declared digests and renames the
/// part into place atomically. A digest mismatch deletes the part: no file is left behind.
/// </summary>
public sealed class WeightsDownloader(HttpClient? httpClient = null)
{
    private readonly HttpClient _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Attempts per download; each one resumes from the bytes already on disk.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Path of the partial file for <paramref name="destination"/>.</summary>
    public static string PartPath(string destination) => destination + ".part";

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destination"/>; returns the destination.</summary>
    public async Task<string> DownloadAsync(Uri url, string destination, string? sha256 = null, string? md5 = null,
        Action<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot download {url}: the folder {folder} cannot be created ({ex.Message}).", ex);
        }
        string part = PartPath(destination);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await DownloadPartAsync(url, part, progress, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                // Keep the part: the next attempt resumes from it.
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                string kept = File.Exists(part) && new FileInfo(part).Length > 0
                    ? $" The {new FileInfo(part).Length} bytes received are kept in {part}; the next download resumes from them."
                    : "";
                throw new DlpException($"Downloading {url} failed after {attempt} attempt(s): {ex.Message}.{kept}", ex);
            }
        }
        try
        {
            FileHashes.Verify(part, sha256, md5, $"Download of {url}");
        }
        catch (DlpException)
        {
            File.Delete(part);
            throw;
        }
        File.Move(part, destination, overwrite: true);
        return destination;
    }

    private async Task DownloadPartAsync(Uri url, string part, Action<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long existing = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0)
        {
            // The part is as long as (or longer than) the file: start over rather than guess.
            File.Delete(part);
            throw new IOException($"The server refused to resume at byte {existing}; restarting.");
        }
        if (!response.IsSuccessStatusCode)
            throw new DlpException($"Downloading {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");

        bool resumed = response.StatusCode == HttpStatusCode.PartialContent && existing > 0 && response.Content.Headers.ContentRange?.From == existing;
        if (!resumed) existing = 0;
        long? total = response.Content.Headers.ContentRange?.Length ?? (response.Content.Headers.ContentLength is { } length ? existing + length : null);

        await using var output = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        long received = existing;
        progress?.Invoke(new DownloadProgress(received, total));
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            received += read;
            progress?.Invoke(new DownloadProgress(received, total));
        }
        if (total is { } expected && received != expected)
            throw new IOException($"The connection closed after {received} of {expected} bytes.");
    }
}
