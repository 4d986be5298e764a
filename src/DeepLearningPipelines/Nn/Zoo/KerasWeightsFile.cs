namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>
/// An official Keras weights file: its file name, download address and, where published, its hashes. Keras publishes
/// MD5 digests for keras.applications files (<c>file_hash</c> in its source); SHA-256 is given only where known.
/// </summary>
public sealed record KerasWeightsFile(string FileName, Uri Url, string? Sha256 = null, string? Md5 = null);
