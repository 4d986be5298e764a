using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>Typed access to the <c>config</c> object of one layer in a Keras JSON config; errors name the layer.</summary>
internal sealed class KerasLayerConfig(string layerName, string className, JsonObject config)
{
    public string LayerName { get; } = layerName;
    public string ClassName { get; } = className;

    public ModelFormatException Error(string message) => new($"Layer '{LayerName}' ({ClassName}): {message}");

    public bool Has(string key) => config[key] is not null;

    public JsonNode? Raw(string key) => config[key];

    public string String(string key, string defaultValue) => config[key] is null ? defaultValue : Read(key, n => n.GetValue<string>());

    public bool Bool(string key, bool defaultValue) => config[key] is null ? defaultValue : Read(key, n => n.GetValue<bool>());

    public int Int(string key, int defaultValue) => config[key] is null ? defaultValue : Read(key, n => n.GetValue<int>());

    public float Float(string key, float defaultValue) => config[key] is null ? defaultValue : Read(key, n => (float)n.GetValue<double>());

    public float? OptionalFloat(string key) => config[key] is null ? null : Read(key, n => (float)n.GetValue<double>());

    /// <summary>An integer list; a single integer is repeated <paramref name="count"/> times (Keras accepts both).</summary>
    public int[] Ints(string key, int count, int? defaultValue = null)
    {
        var node = config[key];
        if (node is null)
            return defaultValue is { } d ? Enumerable.Repeat(d, count).ToArray() : throw Error($"'{key}' is required.");
        if (node is JsonValue) return Enumerable.Repeat(Read(key, n => n.GetValue<int>()), count).ToArray();
        int[] values = Read(key, n => n.AsArray().Select(v => v!.GetValue<int>()).ToArray());
        if (values.Length != count) throw Error($"'{key}' has {values.Length} values, expected {count}.");
        return values;
    }

    /// <summary>A per-example shape; null entries (unknown sizes) are reported as unsupported.</summary>
    public int[] Shape(string key)
    {
        var array = config[key] as JsonArray ?? throw Error($"'{key}' must be a list.");
        return array.Skip(1).Select(v => v is null ? throw Error($"'{key}' {array.ToJsonString()} has an unknown size; only fixed input sizes are supported.") : Read(key, _ => v.GetValue<int>())).ToArray();
    }

    /// <summary>The activation name, also from the Keras 3 serialised-function form.</summary>
    public string Activation(string key = "activation")
    {
        return config[key] switch
        {
            null => "linear",
            JsonObject o => (o["config"] as JsonValue)?.GetValue<string>() ?? o["class_name"]?.GetValue<string>() ?? throw Error($"'{key}' is not understood."),
            var n => Read(key, _ => n.GetValue<string>()),
        };
    }

    /// <summary>Padding mode <c>same</c> or <c>valid</c>.</summary>
    public KerasPadding Padding() => String("padding", "valid").ToLowerInvariant() switch
    {
        "valid" => KerasPadding.Valid,
        "same" => KerasPadding.Same,
        var p => throw Error($"padding '{p}' is not supported (only 'same' and 'valid')."),
    };

    /// <summary>Rejects <c>channels_first</c> data.</summary>
    public void RequireChannelsLast()
    {
        string format = String("data_format", "channels_last");
        if (format != "channels_last") throw Error($"data_format '{format}' is not supported (only channels_last).");
    }

    private T Read<T>(string key, Func<JsonNode, T> read)
    {
        try
        {
            return read(config[key]!);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw Error($"'{key}' has an unexpected value {config[key]?.ToJsonString()}.");
        }
    }
}
