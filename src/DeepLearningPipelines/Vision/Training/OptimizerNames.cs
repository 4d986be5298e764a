using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>Optimizers and losses by the names Keras and the command line use.</summary>
public static class OptimizerNames
{
    /// <summary>The optimizer names accepted.</summary>
    public static readonly string[] Names = ["adam", "sgd", "rmsprop", "adamw"];

    /// <summary>The loss names accepted.</summary>
    public static readonly string[] Losses = ["sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy", "mse"];

    /// <summary>A new optimizer <paramref name="name"/> at <paramref name="learningRate"/> (null: Keras' default rate, 0.01 for SGD, 0.001 otherwise).</summary>
    public static Optimizer Create(string name, float? learningRate = null, LearningRateSchedule? schedule = null) => name.ToLowerInvariant() switch
    {
        "adam" => new Adam(learningRate ?? 0.001f) { Schedule = schedule ?? LearningRateSchedule.Constant },
        "adamw" => new AdamW(learningRate ?? 0.001f) { Schedule = schedule ?? LearningRateSchedule.Constant },
        "sgd" => new Sgd(learningRate ?? 0.01f, momentum: 0.9f) { Schedule = schedule ?? LearningRateSchedule.Constant },
        "rmsprop" => new RmsProp(learningRate ?? 0.001f, rho: 0.9f) { Schedule = schedule ?? LearningRateSchedule.Constant },
        _ => throw new ParamException($"Optimizer '{name}' is not supported; use one of {string.Join(", ", Names)}."),
    };

    /// <summary>The loss named as Keras names it.</summary>
    public static LossKind Loss(string name) => name.ToLowerInvariant() switch
    {
        "sparse_categorical_crossentropy" => LossKind.SparseCategoricalCrossEntropy,
        "categorical_crossentropy" => LossKind.CategoricalCrossEntropy,
        "binary_crossentropy" => LossKind.BinaryCrossEntropy,
        "mse" => LossKind.MeanSquaredError,
        _ => throw new ParamException($"Loss '{name}' is not supported; use one of {string.Join(", ", Losses)}."),
    };
}
