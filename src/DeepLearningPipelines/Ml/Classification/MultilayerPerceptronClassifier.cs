using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Solvers;

namespace DeepLearningPipelines.Ml.Classification;

/// <summary>
/// A feed-forward network classifier with Spark's semantics (<c>MultilayerPerceptronClassifier</c>): <c>layers</c>
/// from input size to number of classes, sigmoid hidden units, a softmax output, cross-entropy loss, trained by
/// L-BFGS (default) or gradient descent (<c>solver = "gd"</c>, <c>stepSize</c>) on blocks of <c>blockSize</c> rows.
/// </summary>
public sealed class MultilayerPerceptronClassifier : Estimator<MultilayerPerceptronClassificationModel>
{
    public MultilayerPerceptronClassifier(string? uid = null) : base(uid)
    {
        Columns = new ClassifierColumns(this);
        Layers = Declare<int[]>("layers", "sizes of layers from input layer to output layer, e.g. [780, 100, 10]",
            validator: (v => v.Length >= 2 && v.All(s => s > 0), "at least two positive layer sizes"));
        MaxIter = SharedParams.MaxIter(this, 100);
        Tol = SharedParams.Tol(this, 1e-6);
        BlockSize = Declare<int>("blockSize", "block size for stacking input data in matrices to speed up the computation", 128, ParamValidators.Gt(0));
        Seed = SharedParams.Seed(this, 11L);
        Solver = Declare<string>("solver", "the solver algorithm for optimization: l-bfgs or gd", "l-bfgs", ParamValidators.InArray("l-bfgs", "gd"));
        StepSize = SharedParams.StepSize(this, 0.03);
        InitialWeights = Declare<double[]>("initialWeights", "the initial weights of the model (Spark's layout: per layer, the weight matrix column-major, then the biases)");
    }

    public ClassifierColumns Columns { get; }
    public Param<int[]> Layers { get; }
    public Param<int> MaxIter { get; }
    public Param<double> Tol { get; }
    public Param<int> BlockSize { get; }
    public Param<long> Seed { get; }
    public Param<string> Solver { get; }
    public Param<double> StepSize { get; }
    public Param<double[]> InitialWeights { get; }

    public MultilayerPerceptronClassifier SetFeaturesCol(string value) { Set(Columns.FeaturesCol, value); return this; }
    public MultilayerPerceptronClassifier SetLabelCol(string value) { Set(Columns.LabelCol, value); return this; }
    public MultilayerPerceptronClassifier SetPredictionCol(string value) { Set(Columns.PredictionCol, value); return this; }
    public MultilayerPerceptronClassifier SetLayers(params int[] value) { Set(Layers, value); return this; }
    public MultilayerPerceptronClassifier SetMaxIter(int value) { Set(MaxIter, value); return this; }
    public MultilayerPerceptronClassifier SetTol(double value) { Set(Tol, value); return this; }
    public MultilayerPerceptronClassifier SetBlockSize(int value) { Set(BlockSize, value); return this; }
    public MultilayerPerceptronClassifier SetSeed(long value) { Set(Seed, value); return this; }
    public MultilayerPerceptronClassifier SetSolver(string value) { Set(Solver, value); return this; }
    public MultilayerPerceptronClassifier SetStepSize(double value) { Set(StepSize, value); return this; }
    public MultilayerPerceptronClassifier SetInitialWeights(double[] value) { Set(InitialWeights, value); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        if (!IsDefined(Layers)) throw new ParamException("MultilayerPerceptronClassifier needs its layers param, e.g. SetLayers(16, 32, 26).");
        return Columns.Validate(this, schema, needLabel: true);
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        var layers = Get(Layers);
        string featuresCol = Get(Columns.FeaturesCol), labelCol = Get(Columns.LabelCol);
        var data = TrainingData.Extract(dataset, featuresCol, labelCol);
        if (data.NumFeatures != layers[0])
            throw new DataFormatException($"Column '{featuresCol}' has {data.NumFeatures} features but layers[0] is {layers[0]}; the first layer must equal the number of features.");
        for (int i = 0; i < data.Labels.Length; i++)
        {
            double y = data.Labels[i];
            if (y < 0 || y >= layers[^1] || y != Math.Floor(y))
                throw new DataFormatException($"Column '{labelCol}' has label {JavaFormat.Double(y)} in {data.Locator.Row(i)}, but the output layer has {layers[^1]} units, so labels must be integers in [0, {layers[^1] - 1}].");
        }
        var options = new MultilayerPerceptronOptions(layers, Get(MaxIter), Get(Tol), Get(BlockSize), Get(Seed),
            Get(Solver).ToLowerInvariant(), Get(StepSize), IsDefined(InitialWeights) ? Get(InitialWeights) : null);
        var result = MultilayerPerceptronSolver.Fit(data.Features, data.Rows, data.Labels, options);
        var model = new MultilayerPerceptronClassificationModel(Uid) { Network = result.Model, ObjectiveHistory = result.ObjectiveHistory };
        CopyValuesTo(model);
        return model;
    }

    public static MultilayerPerceptronClassifier Load(string path) => Load<MultilayerPerceptronClassifier>(path);
}
