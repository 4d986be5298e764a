using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Vision.Codecs;
using DeepLearningPipelines.Vision.Imaging;

namespace DeepLearningPipelines.Tests.Streaming;

/// <summary>Files arriving in a watched folder the way producers should write them: under a .tmp name, then renamed.</summary>
internal static class StreamFiles
{
    public static readonly StructType PeopleSchema = new(new StructField("name", DataTypes.String), new StructField("age", DataTypes.Integer));

    /// <summary>Writes <paramref name="text"/> to <paramref name="folder"/>/<paramref name="name"/> atomically.</summary>
    public static string Arrive(string folder, string name, string text) => Arrive(folder, name, System.Text.Encoding.UTF8.GetBytes(text));

    public static string Arrive(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path + ".tmp", bytes);
        File.Move(path + ".tmp", path);
        return path;
    }

    /// <summary>A small PNG of seeded noise.</summary>
    public static byte[] Png(int seed, int width = 12, int height = 10)
    {
        var pixels = new byte[width * height * 3];
        new Random(seed).NextBytes(pixels);
        return PngEncoder.Encode(new ImageData(height, width, 3, pixels));
    }

    /// <summary>A CSV stream source over <paramref name="folder"/> with the people schema.</summary>
    public static DataFrame People(DlpSession session, string folder, int? maxFilesPerTrigger = null)
    {
        var reader = session.ReadStream().Format("csv").Schema(PeopleSchema).Option("header", true);
        if (maxFilesPerTrigger is { } n) reader.Option("maxFilesPerTrigger", n);
        return reader.Load(folder);
    }

    public static DlpSession NewSession() => DlpSession.Builder().Master("local[2]").NewSession();
}
