using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// A feed-forward network classifier with Spark's semantics (<c>MultilayerPerceptronClassifier</c>): <c>layers</c>
/// from input size to number of classes, sigmoid hidden units, a softmax output, cross-entropy loss, trained by
/// L-BFGS (default) or gradient descent (<c>solver = "gd"</c>, <c>stepSize</c>) on blocks of <c>blockSize</c> rows.
/// Under MPI the fit is data-parallel: each rank reads only its own partitions and the loss and gradient are summed
/// over the ranks.
/// </summary>
public sealed class MultilayerPerceptronClassifier : ProbabilisticClassifier<MultilayerPerceptronClassificationModel>
{
    public MultilayerPerceptronClassifier(string? uid = null) : base(uid)
    {
        LayersParam = Declare<int[]>("layers", "sizes of layers from input layer to output layer, e.g. [780, 100, 10]",
            validator: (v => v.Length >= 2 && v.All(s => s > 0), "at least two positive layer sizes"));
        MaxIterParam = SharedParams.MaxIter(this, 100);
        TolParam = SharedParams.Tol(this, 1e-6);
        BlockSizeParam = Declare<int>("blockSize", "block size for stacking input data in matrices to speed up the computation", 128, ParamValidators.Gt(0));
        SeedParam = SharedParams.Seed(this, 11L);
        SolverParam = Declare<string>("solver", "the solver algorithm for optimization: l-bfgs or gd", "l-bfgs", ParamValidators.InArray("l-bfgs", "gd"));
        StepSizeParam = SharedParams.StepSize(this, 0.03);
        InitialWeightsParam = Declare<double[]>("initialWeights", "the initial weights of the model (Spark's layout: per layer, the weight matrix column-major, then the biases)");
    }

    public Param<int[]> LayersParam { get; }
    public Param<int> MaxIterParam { get; }
    public Param<double> TolParam { get; }
    public Param<int> BlockSizeParam { get; }
    public Param<long> SeedParam { get; }
    public Param<string> SolverParam { get; }
    public Param<double> StepSizeParam { get; }
    public Param<double[]> InitialWeightsParam { get; }

    public int[]? Layers { get => GetOrNull(LayersParam); set => SetOrClear(LayersParam, value); }
    public int MaxIter { get => Get(MaxIterParam); set => Set(MaxIterParam, value); }
    public double Tol { get => Get(TolParam); set => Set(TolParam, value); }
    public int BlockSize { get => Get(BlockSizeParam); set => Set(BlockSizeParam, value); }
    public long Seed { get => Get(SeedParam); set => Set(SeedParam, value); }
    public string Solver { get => Get(SolverParam); set => Set(SolverParam, value); }
    public double StepSize { get => Get(StepSizeParam); set => Set(StepSizeParam, value); }
    public double[]? InitialWeights { get => GetOrNull(InitialWeightsParam); set => SetOrClear(InitialWeightsParam, value); }

    public MultilayerPerceptronClassifier SetFeaturesCol(string value) { Set(Columns.FeaturesCol, value); return this; }
    public MultilayerPerceptronClassifier SetLabelCol(string value) { Set(Columns.LabelCol, value); return this; }
    public MultilayerPerceptronClassifier SetPredictionCol(string value) { Set(Columns.PredictionCol, value); return this; }
    public MultilayerPerceptronClassifier SetLayers(params int[] value) { Set(LayersParam, value); return this; }
    public MultilayerPerceptronClassifier SetMaxIter(int value) { Set(MaxIterParam, value); return this; }
    public MultilayerPerceptronClassifier SetTol(double value) { Set(TolParam, value); return this; }
    public MultilayerPerceptronClassifier SetBlockSize(int value) { Set(BlockSizeParam, value); return this; }
    public MultilayerPerceptronClassifier SetSeed(long value) { Set(SeedParam, value); return this; }
    public MultilayerPerceptronClassifier SetSolver(string value) { Set(SolverParam, value); return this; }
    public MultilayerPerceptronClassifier SetStepSize(double value) { Set(StepSizeParam, value); return this; }
    public MultilayerPerceptronClassifier SetInitialWeights(double[] value) { Set(InitialWeightsParam, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        if (!IsDefined(LayersParam)) throw new ParamException("MultilayerPerceptronClassifier needs its layers param, e.g. SetLayers(16, 32, 26).");
        return Columns.Validate(this, schema, needLabel: true);
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        var layers = Get(LayersParam);
        string featuresCol = Get(Columns.FeaturesCol), labelCol = Get(Columns.LabelCol);
        var data = TrainingData.Extract(dataset, featuresCol, labelCol);
        if (data.NumFeatures != layers[0])
            throw new DataFormatException($"Column '{featuresCol}' has {data.NumFeatures} features but layers[0] is {layers[0]}; the first layer must equal the number of features.");
        data.Ranks.Agree(() =>
        {
            for (int i = 0; i < data.Labels.Length; i++)
            {
                double y = data.Labels[i];
                if (y < 0 || y >= layers[^1] || y != Math.Floor(y))
                    throw new DataFormatException($"Column '{labelCol}' has label {JavaFormat.Double(y)} in {data.RowName(i)}, but the output layer has {layers[^1]} units, so labels must be integers in [0, {layers[^1] - 1}].");
            }
        });
        var options = new MultilayerPerceptronOptions(layers, Get(MaxIterParam), Get(TolParam), Get(BlockSizeParam), Get(SeedParam),
            Get(SolverParam).ToLowerInvariant(), Get(StepSizeParam), IsDefined(InitialWeightsParam) ? Get(InitialWeightsParam) : null);
        var result = MultilayerPerceptronSolver.Fit(data.Features, data.Rows, data.NumFeatures, data.Labels, options, data.Ranks);
        var model = new MultilayerPerceptronClassificationModel(Uid) { Network = result.Model, ObjectiveHistory = result.ObjectiveHistory };
        CopyValuesTo(model);
        return model;
    }

    public static MultilayerPerceptronClassifier Load(string path) => Load<MultilayerPerceptronClassifier>(path);
}
