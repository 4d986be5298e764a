using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// A folder of training images with one sub-folder per class (as Keras' <c>image_dataset_from_directory</c>): the class
/// names are the sub-folder names in ordinal order, each image (JPEG, PNG or BMP, searched recursively) labelled by
/// the index of its class.
/// </summary>
public sealed class ImageFolder
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp"];

    private ImageFolder(IReadOnlyList<string> classNames, string[] paths, int[] labels) => (ClassNames, Paths, Labels) = (classNames, paths, labels);

    /// <summary>Class names by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Image files, class after class, each class in ordinal path order.</summary>
    public string[] Paths { get; }

    /// <summary>Class index of each file.</summary>
    public int[] Labels { get; }

    /// <summary>Lists <paramref name="folder"/>; fails when it is missing, has fewer than 2 class folders, or a class has no image.</summary>
    public static ImageFolder Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException($"Image folder {folder} does not exist.");
        var classes = Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
            throw new DataFormatException($"Image folder {folder} has {classes.Length} sub-folder(s); training needs one sub-folder per class and at least 2 classes.");
        var paths = new List<string>();
        var labels = new List<int>();
        for (int c = 0; c < classes.Length; c++)
        {
            var files = Directory.EnumerateFiles(Path.Combine(folder, classes[c]), "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new DataFormatException($"Class folder {Path.Combine(folder, classes[c])} has no .jpg, .jpeg, .png or .bmp image.");
            paths.AddRange(files);
            labels.AddRange(Enumerable.Repeat(c, files.Length));
        }
        return new ImageFolder(classes, [.. paths], [.. labels]);
    }

    /// <summary>
    /// Indices of the training and validation images: a seeded shuffle of each class, its last
    /// ⌈<paramref name="validationFraction"/>·count⌉ images (at most all but one) for validation, so every class is in both.
    /// </summary>
    public (int[] Train, int[] Validation) Split(double validationFraction, int seed)
    {
        if (!(validationFraction is >= 0 and < 1)) throw new ParamException($"Validation split must be in [0, 1), got {validationFraction}.");
        var train = new List<int>();
        var validation = new List<int>();
        for (int c = 0; c < ClassNames.Count; c++)
        {
            var members = Enumerable.Range(0, Labels.Length).Where(i => Labels[i] == c).ToArray();
            LabeledImageBatches.Shuffle(members, new SplitMix64(seed, c));
            int held = validationFraction == 0 ? 0 : Math.Min(members.Length - 1, (int)Math.Ceiling(validationFraction * members.Length));
            train.AddRange(members[..^held]);
            validation.AddRange(members[^held..]);
        }
        return ([.. train], [.. validation]);
    }
}
