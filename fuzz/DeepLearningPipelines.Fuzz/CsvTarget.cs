using System.Text;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Fuzz;

/// <summary>
/// Reads a CSV file with schema inference and collects every row. An input may start with a line
/// <c>#dlp:key=value&amp;key=value</c> giving reader options (sep, quote, escape, comment, mode, multiLine, …); that line is
/// not part of the file. Without it the options are <c>header=true, inferSchema=true</c>.
/// </summary>
internal static class CsvTarget
{
    private static ReadOnlySpan<byte> OptionsPrefix => "#dlp:"u8;
    // Small batches so that short inputs still cross batch boundaries.
    private static readonly DlpSession Session = DlpSession.Builder().Master("local[1]").AppName("fuzz").BatchSize(7).GetOrCreate();

    public static void Run(byte[] data)
    {
        var reader = Session.Read().Option("header", true).Option("inferSchema", true);
        ReadOnlySpan<byte> csv = data;
        if (csv.StartsWith(OptionsPrefix))
        {
            int end = csv.IndexOf((byte)'\n');
            string line = Encoding.UTF8.GetString(end < 0 ? csv : csv[..end])[OptionsPrefix.Length..];
            foreach (var pair in line.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0) reader.Option(pair[..eq], pair[(eq + 1)..]);
            }
            csv = end < 0 ? [] : csv[(end + 1)..];
        }
        reader.Csv(ScratchFolder.WriteFile("input.csv", csv)).Collect();
    }
}
