using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.MpiSelfTest;

/// <summary>
/// Fits the learners on the letter-recognition CSV part files of DATADIR on any master (<c>mpi</c> under mpirun, or
/// <c>local[N]</c>) and writes, on every rank, OUTDIR/rank-R.txt with one <c>NAME=VALUE</c> line per result (a file,
/// since mpirun may interleave the ranks' long stdout lines): the fitted numbers (LogisticRegression binomial
/// and multinomial with elastic net, multinomial on one partition so that rank 1 has no rows, MultilayerPerceptronClassifier,
/// StandardScaler), the StringIndexer labels, both
/// evaluators' metrics, <c>rows</c> (the training rows this rank extracted: its share) and <c>error</c> (the message a
/// multinomial fit on BADDIR, whose last part file has a label of -1, fails with on this rank). The <c>time</c> form
/// times a LogisticRegression fit (binomial, or multinomial with CLASSES &gt; 2) on ROWS seeded random rows of DIMS
/// features in 8 partitions (featurizer output stands-in) and prints each rank's fit seconds (wall and CPU), for the scaling figures.
/// </summary>
internal static class LearnerChecks
{
    /// <summary><c>MASTER DATADIR BADDIR OUTDIR</c> runs the checks; <c>time MASTER ROWS DIMS [CLASSES]</c> times a fit.</summary>
    public static int Run(string[] args) => args switch
    {
        ["time", var master, var rows, var dims, .. var classes] => TimeFit(master, int.Parse(rows, CultureInfo.InvariantCulture), int.Parse(dims, CultureInfo.InvariantCulture),
            classes is [var k] ? int.Parse(k, CultureInfo.InvariantCulture) : 2),
        [var master, var dataDir, var badDir, var outDir] => Run(master, dataDir, badDir, outDir),
        _ => throw new ArgumentException("usage: learners MASTER DATADIR BADDIR OUTDIR | learners time MASTER ROWS DIMS [CLASSES]"),
    };

    private static readonly string[] FeatureColumns =
        ["x-box", "y-box", "width", "high", "onpix", "x-bar", "y-bar", "x2bar", "y2bar", "xybar", "x2ybr", "xy2br", "x-ege", "xegvy", "y-ege", "yegvx"];

    private static int Run(string master, string dataDir, string badDir, string outDir)
    {
        using var session = DlpSession.Builder().Master(master).GetOrCreate();
        var results = new List<(string Name, string Value)>();
        var data = Letters(session, dataDir);

        results.Add(("rows", TrainingData.Extract(data, "features", "lettr").Rows.ToString(CultureInfo.InvariantCulture)));

        var binomial = new LogisticRegression().SetLabelCol("firstHalf").SetWeightCol("weight").SetRegParam(0.01).SetElasticNetParam(0.5).SetMaxIter(40).Fit(data);
        results.Add(("lr_binomial", Numbers([.. binomial.Coefficients.ToArray(), binomial.Intercept])));
        var multinomial = new LogisticRegression().SetLabelCol("lettr").SetRegParam(0.005).SetElasticNetParam(0.3).SetMaxIter(30).Fit(data);
        results.Add(("lr_multinomial", Numbers([.. multinomial.CoefficientMatrix.Cast<double>(), .. multinomial.InterceptVector])));
        var onePartition = new LogisticRegression().SetLabelCol("lettr").SetMaxIter(10).Fit(data.Coalesce(1)); // rank 1 has no rows
        results.Add(("lr_one_partition", Numbers([.. onePartition.CoefficientMatrix.Cast<double>(), .. onePartition.InterceptVector])));
        var mlp = new MultilayerPerceptronClassifier().SetLabelCol("lettr").SetLayers(16, 12, 26).SetMaxIter(30).SetSeed(7).Fit(data);
        results.Add(("mlp", Numbers(mlp.Weights.ToArray())));
        var scaler = new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true).Fit(data);
        results.Add(("scaler", Numbers([.. scaler.Mean, .. scaler.Std])));
        results.Add(("indexer", string.Join(",", new StringIndexer().SetInputCol("shape").SetOutputCol("shape_index").Fit(data).Labels)));

        var scored = binomial.Transform(data);
        var binary = new BinaryClassificationEvaluator().SetLabelCol("firstHalf").SetWeightCol("weight");
        results.Add(("binary", Numbers([binary.Evaluate(scored), binary.SetMetricName("areaUnderPR").Evaluate(scored)])));
        var predicted = multinomial.Transform(data);
        var multiclass = new MulticlassClassificationEvaluator().SetLabelCol("lettr");
        results.Add(("multiclass", Numbers(new[] { "f1", "accuracy", "weightedPrecision", "logLoss" }.Select(m => multiclass.SetMetricName(m).Evaluate(predicted)))));

        try
        {
            new LogisticRegression().SetLabelCol("lettr").SetMaxIter(5).Fit(Letters(session, badDir));
            results.Add(("error", "none"));
        }
        catch (DlpException e)
        {
            results.Add(("error", e.Message));
        }

        File.WriteAllLines(Path.Combine(outDir, $"rank-{session.Rank}.txt"), results.Select(r => $"{r.Name}={r.Value}"));
        return 0;
    }

    private static int TimeFit(string master, int rows, int dims, int classes)
    {
        using var session = DlpSession.Builder().Master(master).GetOrCreate();
        var schema = new StructType(new StructField("features", DataTypes.Vector), new StructField("label", DataTypes.Double));
        var data = session.CreateDataFrame(Enumerable.Range(0, rows).Select(i =>
        {
            var random = new Random(i);
            var x = new double[dims];
            for (int j = 0; j < dims; j++) x[j] = random.NextDouble() * 2 - 1;
            double score = (x[0] + 0.5 * x[1] - x[2] + random.NextDouble() + 2.5) / 5; // about uniform in [0, 1)
            return new object?[] { new DenseVector(x), (double)Math.Clamp((int)(score * classes), 0, classes - 1) };
        }), schema, 8);
        var lr = new LogisticRegression().SetRegParam(0.01).SetMaxIter(30).SetTol(0);
        lr.Fit(data); // warm-up: JIT and the first collectives
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var model = lr.Fit(data);
        double seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rank={session.Rank} fit_seconds={seconds:F3} cpu_seconds={cpuSeconds:F3} iterations={model.TotalIterations} rows_per_second={rows / seconds:F0}"));
        return 0;
    }

    /// <summary>The part files with a features vector, a label for the first half of the alphabet (0/1), a weight and a string column.</summary>
    private static DataFrame Letters(DlpSession session, string dir)
    {
        var csv = session.Read().Option("header", true).Option("inferSchema", true).Csv(dir)
            .WithColumn("firstHalf", When(Col("lettr") < 13, 1.0).Otherwise(0.0))
            .WithColumn("weight", (Col("x-box") % 3 + 1).Cast("double"))
            .WithColumn("shape", Concat(Lit("s"), (Col("width") % 4).Cast("string")));
        return new VectorAssembler().SetInputCols(FeatureColumns).SetOutputCol("features").Transform(csv);
    }

    private static string Numbers(IEnumerable<double> values) => string.Join(";", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
