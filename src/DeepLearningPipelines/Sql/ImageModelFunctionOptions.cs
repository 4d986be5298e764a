namespace DeepLearningPipelines.Sql;

/// <summary>
/// How <see cref="UdfRegistration.RegisterImageModel"/> applies an image classifier; the settings are
/// <c>DeepImagePredictor</c>'s, with the same defaults.
/// </summary>
public sealed record ImageModelFunctionOptions
{
    /// <summary>Return the <see cref="TopK"/> (class, description, probability) structs instead of the probability vector.</summary>
    public bool DecodePredictions { get; init; }

    /// <summary>Classes kept when <see cref="DecodePredictions"/> is set.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Images per model run.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary><c>squash</c> or <c>centerCrop</c>.</summary>
    public string ResizeMode { get; init; } = "squash";

    /// <summary><c>area</c>, <c>bilinear</c> or <c>nearest</c>.</summary>
    public string Interpolation { get; init; } = "bilinear";

    /// <summary>Inference engine (<c>onnxruntime</c> or <c>managed</c>); null: the session default.</summary>
    public string? Engine { get; init; }

    /// <summary><c>cpu</c> or <c>cuda</c>; null: the default device.</summary>
    public string? Device { get; init; }

    /// <summary>Model files only: square input size (0: from the model's input shape).</summary>
    public int InputSize { get; init; }

    /// <summary>Model files only: <c>none</c>, <c>caffe</c>, <c>tf</c> or <c>torch</c>.</summary>
    public string Preprocessing { get; init; } = "none";

    /// <summary>Model files only: feed BGR instead of RGB.</summary>
    public bool Bgr { get; init; }
}
