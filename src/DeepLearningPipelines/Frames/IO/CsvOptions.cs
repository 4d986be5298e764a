using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>The CSV options a Spark user knows (<c>header</c>, <c>inferSchema</c>, <c>sep</c>, <c>mode</c>, …).</summary>
internal sealed record CsvOptions
{
    public bool Header { get; init; }
    public bool InferSchema { get; init; }
    public char Separator { get; init; } = ',';
    public char Quote { get; init; } = '"';
    public char Escape { get; init; } = '\\';
    public char? Comment { get; init; }
    public string NullValue { get; init; } = "";
    public ReadMode Mode { get; init; } = ReadMode.Permissive;
    public string ColumnNameOfCorruptRecord { get; init; } = "_corrupt_record";
    public bool MultiLine { get; init; }
    public bool IgnoreLeadingWhiteSpace { get; init; }
    public bool IgnoreTrailingWhiteSpace { get; init; }

    public static CsvOptions From(IReadOnlyDictionary<string, string> options)
    {
        var o = new CsvOptions();
        foreach (var (key, value) in options)
        {
            o = key.ToLowerInvariant() switch
            {
                "header" => o with { Header = Bool(key, value) },
                "inferschema" => o with { InferSchema = Bool(key, value) },
                "sep" or "delimiter" => o with { Separator = Char(key, value == "\\t" ? "\t" : value) },
                "quote" => o with { Quote = Char(key, value) },
                "escape" => o with { Escape = Char(key, value) },
                "comment" => o with { Comment = value.Length == 0 ? null : Char(key, value) },
                "nullvalue" => o with { NullValue = value },
                "mode" => o with { Mode = ReadModes.Parse(value) },
                "columnnameofcorruptrecord" => o with { ColumnNameOfCorruptRecord = value },
                "multiline" => o with { MultiLine = Bool(key, value) },
                "ignoreleadingwhitespace" => o with { IgnoreLeadingWhiteSpace = Bool(key, value) },
                "ignoretrailingwhitespace" => o with { IgnoreTrailingWhiteSpace = Bool(key, value) },
                "encoding" or "charset" when value.Replace("-", "").Equals("utf8", StringComparison.OrdinalIgnoreCase) => o,
                _ => throw new ParamException($"Unknown or unsupported CSV option '{key}' = '{value}'."),
            };
        }
        return o;
    }

    private static bool Bool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw new ParamException($"CSV option '{key}' must be true or false but was '{value}'.");

    private static char Char(string key, string value) =>
        value.Length == 1 ? value[0] : throw new ParamException($"CSV option '{key}' must be a single character but was '{value}'.");
}
