namespace DeepLearningPipelines.Frames.IO;

/// <summary>What a write does when its target path already exists, as Spark's <c>SaveMode</c>.</summary>
public enum SaveMode
{
    /// <summary>Fail (the default).</summary>
    ErrorIfExists,
    /// <summary>Add new part files beside the existing ones.</summary>
    Append,
    /// <summary>Replace the existing output once the new output is complete.</summary>
    Overwrite,
    /// <summary>Write nothing and keep the existing output.</summary>
    Ignore,
}
