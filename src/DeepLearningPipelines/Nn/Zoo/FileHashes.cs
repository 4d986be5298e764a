using System.Security.Cryptography;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Zoo;

/// <summary>Checks a file against expected SHA-256 and MD5 digests (hex, case-insensitive); absent digests are not checked.</summary>
public static class FileHashes
{
    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Lower-case hex MD5 of a file.</summary>
    public static string Md5(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Throws <see cref="DlpException"/> naming the file and both digests when a declared digest differs.</summary>
    public static void Verify(string path, string? sha256, string? md5, string displayName)
    {
        if (sha256 is not null && Sha256(path) is var actualSha && !actualSha.Equals(sha256, StringComparison.OrdinalIgnoreCase))
            throw new DlpException($"{displayName}: SHA-256 is {actualSha}, expected {sha256.ToLowerInvariant()}.");
        if (md5 is not null && Md5(path) is var actualMd5 && !actualMd5.Equals(md5, StringComparison.OrdinalIgnoreCase))
            throw new DlpException($"{displayName}: MD5 is {actualMd5}, expected {md5.ToLowerInvariant()}.");
    }
}
