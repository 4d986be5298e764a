using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Persistence;

namespace DeepLearningPipelines.Ml.Tuning;

/// <summary>
/// What <see cref="CrossValidator"/> and <see cref="TrainValidationSplit"/> share: the estimator, its param maps, the
/// evaluator, parallel fitting of the candidates, and saving all three.
/// </summary>
/// <remarks>
/// Under MPI (<c>Master("mpi")</c>), training data of at most <see cref="GatherThreshold"/> bytes is gathered to every
/// rank and the (split, param map) fits are spread over the ranks, each rank fitting its share alone (its
/// <see cref="Parallelism"/> at a time); the metrics are gathered so that every rank picks the same best map, which
/// is then refitted on the whole data as usual. Larger data fits each candidate data-parallel, one after another.
/// </remarks>
public abstract class ValidatorBase<TModel> : Estimator<TModel> where TModel : Model
{
    protected ValidatorBase(string? uid) : base(uid)
    {
        EstimatorParam = Declare<Estimator>("estimator", "estimator for selection", savedInMetadata: false);
        EstimatorParamMapsParam = Declare<ParamMap[]>("estimatorParamMaps", "param maps for the estimator", savedInMetadata: false);
        EvaluatorParam = Declare<Evaluator>("evaluator", "evaluator used to select hyper-parameters that maximize the validated metric", savedInMetadata: false);
        ParallelismParam = Declare<int>("parallelism", "the number of candidate models fitted in parallel", 1, ParamValidators.GtEq(1));
        SeedParam = SharedParams.Seed(this, 42L);
        GatherThresholdParam = Declare<long>("gatherThreshold",
            "under MPI, the most bytes of training data (rows × bytes per row, as Arrow buffers) gathered to every rank to spread the candidate fits over the ranks; 0 never gathers",
            DefaultGatherThreshold, (v => v >= 0, ">= 0"), savedInMetadata: false);
    }

    /// <summary>The default <see cref="GatherThreshold"/>: 256 MiB, as features after a featurizer usually are.</summary>
    public const long DefaultGatherThreshold = 256L << 20;

    public Param<Estimator> EstimatorParam { get; }
    public Param<ParamMap[]> EstimatorParamMapsParam { get; }
    public Param<Evaluator> EvaluatorParam { get; }
    public Param<int> ParallelismParam { get; }
    public Param<long> SeedParam { get; }

    /// <summary>Not saved: how a job runs, not what it computes.</summary>
    public Param<long> GatherThresholdParam { get; }

    public Estimator? Estimator { get => GetOrNull(EstimatorParam); set => SetOrClear(EstimatorParam, value); }
    public ParamMap[]? EstimatorParamMaps { get => GetOrNull(EstimatorParamMapsParam); set => SetOrClear(EstimatorParamMapsParam, value); }
    public Evaluator? Evaluator { get => GetOrNull(EvaluatorParam); set => SetOrClear(EvaluatorParam, value); }
    public int Parallelism { get => Get(ParallelismParam); set => Set(ParallelismParam, value); }
    public long Seed { get => Get(SeedParam); set => Set(SeedParam, value); }

    /// <summary>
    /// Under MPI, the most bytes of training data (rows × bytes per row) gathered to every rank so that the ranks share
    /// the candidate fits; larger data fits each candidate data-parallel. 0 never gathers. Ignored in one process.
    /// </summary>
    public long GatherThreshold { get => Get(GatherThresholdParam); set => Set(GatherThresholdParam, value); }

    public override StructType TransformSchema(StructType schema)
    {
        var maps = Get(EstimatorParamMapsParam);
        if (maps.Length == 0) throw new ParamException("EstimatorParamMaps is empty; give at least one ParamMap (e.g. new ParamGridBuilder().Build()).");
        return Get(EstimatorParam).Copy(maps[0]).TransformSchema(schema);
    }

    /// <summary>
    /// The metric of every param map on every split that <paramref name="splitsOf"/> makes of the (cached) data:
    /// <c>metrics[split][map]</c>. Under MPI the splits are made of the data gathered to every rank when it is small
    /// enough, and the fits spread over the ranks; else every fit runs on the data where it is.
    /// </summary>
    protected double[][] Validate(DataFrame data, Func<DataFrame, (DataFrame Train, DataFrame Validation)[]> splitsOf)
    {
        if (data.Session.RankCount > 1 && GatheredData.Gather(data, Get(GatherThresholdParam)) is { } gathered)
            using (gathered.Session)
                return SpreadOverRanks(data.Session, splitsOf(gathered));
        return splitsOf(data).Select(s => FitAndEvaluate(s.Train, s.Validation)).ToArray();
    }

    /// <summary>Every (split, map) fit as a task of its own, spread over the ranks of <paramref name="job"/>.</summary>
    private double[][] SpreadOverRanks(DlpSession job, (DataFrame Train, DataFrame Validation)[] splits)
    {
        int maps = Get(EstimatorParamMapsParam).Length;
        var metrics = RankTasks.Run(job, splits.Length * maps, Get(ParallelismParam), task =>
        {
            var (train, validation) = splits[task / maps];
            return Evaluate(train, validation, task % maps);
        });
        return splits.Select((_, s) => metrics[(s * maps)..((s + 1) * maps)]).ToArray();
    }

    /// <summary>The metric of every param map: fitted on <paramref name="train"/>, evaluated on <paramref name="validation"/>.</summary>
    private double[] FitAndEvaluate(DataFrame train, DataFrame validation)
    {
        var metrics = new double[Get(EstimatorParamMapsParam).Length];
        // Under MPI every fit's actions are collectives that all ranks must make in the same order: one fit at a time.
        int parallelism = train.Session.RankCount > 1 ? 1 : Get(ParallelismParam);
        ParallelLoops.For(metrics.Length, i => metrics[i] = Evaluate(train, validation, i), parallelism);
        return metrics;
    }

    private double Evaluate(DataFrame train, DataFrame validation, int map) =>
        Get(EvaluatorParam).Evaluate(Get(EstimatorParam).Fit(train, Get(EstimatorParamMapsParam)[map]).Transform(validation));

    /// <summary>The index of the best metric for the evaluator's direction.</summary>
    protected int BestIndex(double[] metrics)
    {
        bool larger = Get(EvaluatorParam).IsLargerBetter;
        int best = 0;
        for (int i = 1; i < metrics.Length; i++)
            if (larger ? metrics[i] > metrics[best] : metrics[i] < metrics[best]) best = i;
        return best;
    }

    public override PipelineStage Copy(ParamMap? extra = null)
    {
        var copy = (ValidatorBase<TModel>)base.Copy(extra);
        if (IsDefined(EstimatorParam)) copy.Set(copy.EstimatorParam, (Estimator)Get(EstimatorParam).Copy(extra));
        if (IsDefined(EvaluatorParam)) copy.Set(copy.EvaluatorParam, Get(EvaluatorParam).Copy(extra));
        return copy;
    }

    protected internal override void SaveData(string directory)
    {
        Get(EstimatorParam).Save(Path.Combine(directory, "estimator"));
        Get(EvaluatorParam).Save(Path.Combine(directory, "evaluator"));
        var maps = Get(EstimatorParamMapsParam).Select(m => m.Entries.Select(e => new SavedParam(e.Param.Parent, e.Param.Name, e.Param.ToJson(e.Value))).ToArray()).ToArray();
        ModelData.Write(directory, maps);
    }

    protected internal override void LoadData(string directory)
    {
        var estimator = Load<Estimator>(Path.Combine(directory, "estimator"));
        Set(EstimatorParam, estimator);
        Set(EvaluatorParam, Load<Evaluator>(Path.Combine(directory, "evaluator")));
        var owners = ParamOwners(estimator).ToDictionary(p => p.Uid);
        Set(EstimatorParamMapsParam, ModelData.Read<SavedParam[][]>(directory).Select(entries =>
        {
            var map = new ParamMap();
            foreach (var e in entries)
            {
                if (!owners.TryGetValue(e.Parent, out var owner))
                    throw new PersistenceException($"A saved param map refers to stage {e.Parent}, which is not part of the saved estimator in {directory}.");
                var p = owner.GetParam(e.Name);
                map.PutUntyped(p, p.FromJson(e.Value));
            }
            return map;
        }).ToArray());
    }

    /// <summary>The estimator and, for pipelines, every nested stage.</summary>
    private static IEnumerable<Params> ParamOwners(PipelineStage stage) =>
        stage is Pipeline p ? p.GetStages().SelectMany(ParamOwners).Prepend(p) : [stage];

    private sealed record SavedParam(string Parent, string Name, JsonElement Value);
}

/// <summary>What a fitted validator keeps: the best model refitted on all data, and the metric of every candidate.</summary>
public abstract class ValidatorModelBase : Model
{
    protected ValidatorModelBase(string? uid) : base(uid) { }

    /// <summary>The estimator fitted with the best param map on the whole data set.</summary>
    public Model BestModel { get; internal set; } = null!;

    /// <summary>The validation metric of each param map, in grid order.</summary>
    public double[] ValidationMetrics { get; internal set; } = [];

    public override StructType TransformSchema(StructType schema) => BestModel.TransformSchema(schema);
    protected override DataFrame TransformImpl(DataFrame dataset) => BestModel.Transform(dataset);

    public override PipelineStage Copy(ParamMap? extra = null)
    {
        var copy = (ValidatorModelBase)base.Copy(extra);
        copy.BestModel = (Model)BestModel.Copy(extra);
        return copy;
    }

    protected internal override void SaveData(string directory)
    {
        BestModel.Save(Path.Combine(directory, "bestModel"));
        ModelData.Write(directory, ValidationMetrics);
    }

    protected internal override void LoadData(string directory)
    {
        BestModel = Load<Model>(Path.Combine(directory, "bestModel"));
        ValidationMetrics = ModelData.Read<double[]>(directory);
    }
}
