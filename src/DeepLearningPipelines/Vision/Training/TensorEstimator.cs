using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Nn.Networks;

namespace DeepLearningPipelines.Vision.Training;

/// <summary>
/// Trains a network on a vector or numeric-array column (sparkdl's estimator for tensors): a layer spec or a C#
/// <see cref="Network"/> over inputs of the column's size, fitted with the shared fit params; batches stream from the
/// partitions (<see cref="NetworkFitParams.Shuffle"/>). Fit returns a
/// <see cref="TensorModel"/> that appends the class probabilities.
/// </summary>
public sealed class TensorEstimator : NetworkEstimator<TensorModel>
{
    public TensorEstimator(string? uid = null) : base(uid, "dense64")
    {
        InputColParam = Declare<string>("inputCol", "input column: a vector or an array of numbers, one example per row", "features", ParamValidators.NotEmpty());
        OutputColParam = Declare<string>("outputCol", "output vector column of the fitted model: class probabilities", "predictions", ParamValidators.NotEmpty());
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }

    public TensorEstimator SetInputCol(string value) { Set(InputColParam, value); return this; }
    public TensorEstimator SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public TensorEstimator SetLabelCol(string value) { Set(Training.LabelCol, value); return this; }
    public TensorEstimator SetLayers(string value) { Set(Training.Layers, value); return this; }
    public TensorEstimator SetNetwork(Network value) { Set(Training.Network, value); return this; }
    public TensorEstimator SetOptimizer(string value) { Set(Training.Optimizer, value); return this; }
    public TensorEstimator SetLearningRate(double value) { Set(Training.LearningRate, value); return this; }
    public TensorEstimator SetBatchSize(int value) { Set(Training.BatchSize, value); return this; }
    public TensorEstimator SetEpochs(int value) { Set(Training.Epochs, value); return this; }
    public TensorEstimator SetValidationSplit(double value) { Set(Training.ValidationSplit, value); return this; }
    public TensorEstimator SetSeed(int value) { Set(Training.Seed, value); return this; }
    public TensorEstimator SetProgress(Action<TrainingProgress> value) { Set(Training.Progress, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        TensorValues.Check(schema, Get(InputColParam));
        var label = schema[Get(Training.LabelCol)];
        if (!LabelEncoding.Accepts(label.DataType)) throw new SchemaException($"Label column '{label.Name}' is {label.DataType}; use a class index (int, long, float, double) or a vector.");
        return Ml.Feature.ColumnAppender.Extend(schema, new StructField(Get(OutputColParam), DataTypes.Vector, true));
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        string input = Get(InputColParam);
        var first = dataset.Select(input).Where(Functions.Col(input).IsNotNull()).Take(1);
        if (first.Length == 0) throw new DataFormatException($"Input column '{input}' has no values to train on.");
        int size = TensorValues.ToFloats(first[0][0]!).Length;
        var graph = NetworkTraining.Fit(this, Training, dataset, input, TensorValues.ToFloats,
            classes => IsDefined(Training.Network) ? (Get(Training.Network).Build(Get(Training.Seed)), null) : (LayerSpec.Parse(Get(Training.Layers), [size], classes).Build(Get(Training.Seed)), null));
        var model = new TensorModel(Uid).SetInputCol(input).SetOutputCol(Get(OutputColParam));
        model.SetNetwork(graph);
        return model;
    }

    public static TensorEstimator Load(string path) => Load<TensorEstimator>(path);
}

/// <summary>A network fitted by <see cref="TensorEstimator"/>: appends its class probabilities for each vector or array row.</summary>
public sealed class TensorModel : TrainedNetworkModel
{
    public TensorModel(string? uid = null) : base(uid)
    {
        InputColParam = Declare<string>("inputCol", "input column: a vector or an array of numbers", "features", ParamValidators.NotEmpty());
    }

    public Param<string> InputColParam { get; }

    public string InputCol { get => Get(InputColParam); set => Set(InputColParam, value); }

    public TensorModel SetInputCol(string value) { Set(InputColParam, value); return this; }
    public TensorModel SetOutputCol(string value) { Set(OutputColParam, value); return this; }

    private protected override string InputColumn => Get(InputColParam);

    private protected override void CheckInput(StructType schema) => TensorValues.Check(schema, Get(InputColParam));

    private protected override float[] Input(object value) => TensorValues.ToFloats(value);

    public static TensorModel Load(string path) => Load<TensorModel>(path);
}
