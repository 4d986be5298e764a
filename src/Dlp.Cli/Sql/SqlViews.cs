using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Cli.Sql;

/// <summary>The views of <c>dlp sql --view NAME=PATH</c>, read by the kind of the path.</summary>
internal static class SqlViews
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp"];

    /// <summary>Registers <c>NAME=PATH</c>: a .csv file (header, inferred schema), a .parquet file or a folder of them, or a folder of images.</summary>
    public static void Register(DlpSession session, string spec)
    {
        int eq = spec.IndexOf('=');
        if (eq <= 0 || eq == spec.Length - 1)
            throw new DataFormatException($"--view takes NAME=PATH (for example letters=data/letters.csv) but got '{spec}'.");
        var (name, path) = (spec[..eq].Trim(), spec[(eq + 1)..].Trim());
        Read(session, path).CreateOrReplaceTempView(name);
    }

    private static DataFrame Read(DlpSession session, string path)
    {
        if (File.Exists(path))
        {
            var ext = Path.GetExtension(path).ToLowerInvariant();
            if (ext == ".csv") return session.Read().Option("header", true).Option("inferSchema", true).Csv(path);
            if (ext == ".parquet") return session.Read().Parquet(path);
            if (ImageExtensions.Contains(ext)) return session.ReadImages(path);
            throw new DataFormatException($"--view: cannot tell the kind of '{path}' from its extension; use a .csv or .parquet file, an image, or a folder.");
        }
        if (Directory.Exists(path))
        {
            bool parquet = Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Any();
            return parquet ? session.Read().Parquet(path) : session.ReadImages(path, new ImageReadOptions { Recursive = true });
        }
        throw new DataFormatException($"--view: '{path}' is neither a file nor a folder.");
    }
}
