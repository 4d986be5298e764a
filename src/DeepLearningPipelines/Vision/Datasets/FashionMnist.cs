using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Datasets;

/// <summary>
/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test 28×28 gray images of 10 clothing classes, read from the
/// IDX files Debian's <c>dataset-fashion-mnist</c> package installs (<see cref="DebianFolder"/>), or from the folder in
/// <c>DLP_FASHION_MNIST</c> or one given. Files may be gzip-compressed (<c>.gz</c>) or not.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The class names by label.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The folder to read: <paramref name="folder"/>, else <c>DLP_FASHION_MNIST</c>, else <see cref="DebianFolder"/>.</summary>
    public static string Folder(string? folder = null) =>
        folder ?? (Environment.GetEnvironmentVariable("DLP_FASHION_MNIST") is { Length: > 0 } env ? env : DebianFolder);

    /// <summary>True when the training and test files are in <see cref="Folder"/>.</summary>
    public static bool IsAvailable(string? folder = null) =>
        new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" }
            .All(f => FindFile(Folder(folder), f) is not null);

    /// <summary>The training (<paramref name="train"/> true, 60,000 images) or test (10,000) split.</summary>
    public static LabeledImages Load(bool train, string? folder = null)
    {
        string dir = Folder(folder), prefix = train ? "train" : "t10k";
        var images = IdxFile.Read(Require(dir, $"{prefix}-images-idx3-ubyte"));
        var labels = IdxFile.Read(Require(dir, $"{prefix}-labels-idx1-ubyte"));
        if (images.Shape.Length != 3) throw new DataFormatException($"Fashion-MNIST {prefix} images in {dir} have {images.Shape.Length} dimensions; expected 3 (count, rows, columns).");
        if (labels.Shape.Length != 1) throw new DataFormatException($"Fashion-MNIST {prefix} labels in {dir} have {labels.Shape.Length} dimensions; expected 1.");
        if (images.Shape[0] != labels.Shape[0])
            throw new DataFormatException($"Fashion-MNIST {prefix} in {dir}: {images.Shape[0]:N0} images but {labels.Shape[0]:N0} labels.");
        return new LabeledImages($"fashion-mnist/{(train ? "train" : "test")}", images.Shape[1], images.Shape[2], images.Data, labels.Data, ClassNames);
    }

    private static string Require(string folder, string name) => FindFile(folder, name) ?? throw new DataFormatException(
        $"Fashion-MNIST file {name}(.gz) is not in {folder}. Install it with 'apt-get install dataset-fashion-mnist' (files in {DebianFolder}) or set DLP_FASHION_MNIST to a folder holding the four IDX files.");

    private static string? FindFile(string folder, string name) =>
        new[] { Path.Combine(folder, name + ".gz"), Path.Combine(folder, name) }.FirstOrDefault(File.Exists);
}
