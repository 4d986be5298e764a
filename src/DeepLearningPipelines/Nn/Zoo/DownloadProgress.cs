namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>Progress of a download: bytes on disk so far (including a resumed part) and the total when the server says.</summary>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes);
