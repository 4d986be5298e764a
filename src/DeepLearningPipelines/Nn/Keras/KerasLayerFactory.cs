using System.Text.Json.Nodes;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Keras.Layers;

namespace DeepLearningPipelines.Nn.Keras;

/// <summary>Creates a <see cref="KerasLayer"/> from a layer's Keras <c>class_name</c> and <c>config</c>.</summary>
internal static class KerasLayerFactory
{
    /// <summary>Keras class names this importer understands.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "InputLayer", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Dense", "BatchNormalization", "Activation", "ReLU",
        "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D", "Concatenate",
        "Add", "Multiply", "Flatten", "Reshape", "Dropout", "SpatialDropout2D", "Rescaling",
    };

    public static KerasLayer Create(string name, string className, JsonObject config)
    {
        var c = new KerasLayerConfig(name, className, config);
        switch (className)
        {
            case "InputLayer":
                return new InputLayer(name, c.Shape(c.Has("batch_input_shape") ? "batch_input_shape" : "batch_shape"));
            case "Conv2D":
                c.RequireChannelsLast();
                RequireNoGroups(c);
                return new Conv2DLayer(name, c.Int("filters", 0), Window(c, "kernel_size"), c.Bool("use_bias", true), c.Activation());
            case "DepthwiseConv2D":
                c.RequireChannelsLast();
                return new DepthwiseConv2DLayer(name, Window(c, "kernel_size"), c.Int("depth_multiplier", 1), c.Bool("use_bias", true), c.Activation());
            case "SeparableConv2D":
                c.RequireChannelsLast();
                return new SeparableConv2DLayer(name, c.Int("filters", 0), Window(c, "kernel_size"), c.Int("depth_multiplier", 1), c.Bool("use_bias", true), c.Activation());
            case "Dense":
                return new DenseLayer(name, c.Int("units", 0), c.Bool("use_bias", true), c.Activation());
            case "BatchNormalization":
                return new BatchNormalizationLayer(name, c.Float("epsilon", 1e-3f), c.Bool("center", true), c.Bool("scale", true), Axis(c));
            case "Activation":
                return new ActivationLayer(name, c.Activation());
            case "ReLU":
                return new ReLULayer(name, c.OptionalFloat("max_value"), c.Float("negative_slope", 0f), c.Float("threshold", 0f));
            case "MaxPooling2D":
            case "AveragePooling2D":
                c.RequireChannelsLast();
                return new Pooling2DLayer(name, className == "MaxPooling2D", PoolWindow(c));
            case "GlobalAveragePooling2D":
            case "GlobalMaxPooling2D":
                c.RequireChannelsLast();
                return new GlobalPooling2DLayer(name, className == "GlobalMaxPooling2D", c.Bool("keepdims", false));
            case "ZeroPadding2D":
                c.RequireChannelsLast();
                return ZeroPadding(name, c);
            case "Concatenate":
                return new ConcatenateLayer(name, c.Int("axis", -1));
            case "Add":
            case "Multiply":
                return new MergeLayer(name, className == "Multiply");
            case "Flatten":
                c.RequireChannelsLast();
                return new FlattenLayer(name);
            case "Reshape":
                return new ReshapeLayer(name, c.Raw("target_shape") is JsonArray a ? a.Select(v => v!.GetValue<int>()).ToArray() : throw c.Error("'target_shape' must be a list."));
            case "Dropout":
            case "SpatialDropout2D":
                return new DropoutLayer(name, className);
            case "Rescaling":
                return new RescalingLayer(name, c.Float("scale", 1f), c.Float("offset", 0f));
            default:
                throw new ModelFormatException($"Layer '{name}' has class '{className}', which is not supported. Supported classes: {string.Join(", ", Supported.Order())}.");
        }
    }

    private static KerasWindow Window(KerasLayerConfig c, string kernelKey)
    {
        int[] kernel = c.Ints(kernelKey, 2), strides = c.Ints("strides", 2, 1), dilation = c.Ints("dilation_rate", 2, 1);
        if (kernel.Concat(strides).Concat(dilation).Any(v => v < 1)) throw c.Error("kernel size, strides and dilation must be positive.");
        if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1)) throw c.Error("strides and dilation_rate cannot both exceed 1.");
        return new KerasWindow(kernel[0], kernel[1], strides[0], strides[1], c.Padding(), dilation[0], dilation[1]);
    }

    private static KerasWindow PoolWindow(KerasLayerConfig c)
    {
        int[] pool = c.Ints("pool_size", 2, 2);
        int[] strides = c.Raw("strides") is null ? pool : c.Ints("strides", 2);
        if (pool.Concat(strides).Any(v => v < 1)) throw c.Error("pool size and strides must be positive.");
        return new KerasWindow(pool[0], pool[1], strides[0], strides[1], c.Padding());
    }

    private static ZeroPadding2DLayer ZeroPadding(string name, KerasLayerConfig c)
    {
        var raw = c.Raw("padding");
        try
        {
            switch (raw)
            {
                case null: return new ZeroPadding2DLayer(name, 1, 1, 1, 1);
                case JsonValue v: { int p = v.GetValue<int>(); return new ZeroPadding2DLayer(name, p, p, p, p); }
                case JsonArray { Count: 2 } a when a[0] is JsonArray rows && a[1] is JsonArray cols:
                    return new ZeroPadding2DLayer(name, rows[0]!.GetValue<int>(), rows[1]!.GetValue<int>(), cols[0]!.GetValue<int>(), cols[1]!.GetValue<int>());
                case JsonArray { Count: 2 } a:
                { int h = a[0]!.GetValue<int>(), w = a[1]!.GetValue<int>(); return new ZeroPadding2DLayer(name, h, h, w, w); }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException or ArgumentOutOfRangeException) { }
        throw c.Error($"padding {raw?.ToJsonString()} is not understood.");
    }

    private static int Axis(KerasLayerConfig c)
    {
        var axis = c.Raw("axis");
        return axis switch
        {
            null => -1,
            JsonArray { Count: 1 } a => a[0]!.GetValue<int>(),
            JsonValue v => v.GetValue<int>(),
            _ => throw c.Error($"axis {axis.ToJsonString()} is not supported."),
        };
    }

    private static void RequireNoGroups(KerasLayerConfig c)
    {
        if (c.Int("groups", 1) != 1) throw c.Error("grouped convolution (groups > 1) is not supported.");
    }
}
