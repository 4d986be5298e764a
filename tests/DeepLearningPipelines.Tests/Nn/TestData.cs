namespace DeepLearningPipelines.Tests.Nn;

/// <summary>Seeded random data and tolerance assertions shared by the Nn tests.</summary>
internal static class TestData
{
    public static float[] Random(Random rng, int count, float scale = 1f)
    {
        var a = new float[count];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return a;
    }

    /// <summary>Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise and returns the largest absolute error.</summary>
    public static float AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float atol, float rtol = 0f, string context = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        float maxErr = 0f;
        for (int i = 0; i < expected.Length; i++)
        {
            float err = MathF.Abs(expected[i] - actual[i]);
            if (!(err <= atol + rtol * MathF.Abs(expected[i])))
                Assert.Fail($"{context}: element {i}: expected {expected[i]}, got {actual[i]} (|diff| {err} > {atol} + {rtol}·|expected|)");
            maxErr = MathF.Max(maxErr, err);
        }
        return maxErr;
    }

    /// <summary>Folder holding DeepLearningPipelines.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepLearningPipelines.sln"))) return dir.FullName;
        throw new InvalidOperationException("DeepLearningPipelines.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The shared pretrained-model fixtures folder (<c>../shared/models</c> from the repository root).</summary>
    public static string ModelsDir => Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "models"));

    public static float[] ReadF32(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var result = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, result, 0, result.Length * 4);
        return result;
    }
}
