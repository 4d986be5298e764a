using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Persistence;

namespace DeepLearningPipelines.Ml;

/// <summary>
/// A sequence of stages, as Spark's <c>Pipeline</c>: <c>Fit</c> runs transformers and fits estimators in order,
/// feeding each stage the previous stage's output, and returns a <see cref="PipelineModel"/>.
/// </summary>
public sealed class Pipeline : Estimator<PipelineModel>
{
    public Pipeline(string? uid = null) : base(uid)
    {
        StagesParam = Declare<PipelineStage[]>("stages", "stages of the pipeline", Array.Empty<PipelineStage>(), savedInMetadata: false);
    }

    public Param<PipelineStage[]> StagesParam { get; }

    public PipelineStage[] Stages { get => Get(StagesParam); set => Set(StagesParam, value); }

    public PipelineStage[] GetStages() => Get(StagesParam);
    public Pipeline SetStages(params PipelineStage[] stages) { Set(StagesParam, stages); return this; }

    public override StructType TransformSchema(StructType schema)
    {
        foreach (var s in GetStages()) schema = s.TransformSchema(schema);
        return schema;
    }

    protected override Model FitImpl(DataFrame dataset)
    {
        var stages = GetStages();
        int lastEstimator = Array.FindLastIndex(stages, s => s is Estimator);
        var fitted = new List<Transformer>();
        var current = dataset;
        for (int i = 0; i < stages.Length; i++)
        {
            Transformer t = stages[i] switch
            {
                Estimator e => e.Fit(current),
                Transformer tr => tr,
                var other => throw new ParamException($"Pipeline stage {other.Uid} is neither an Estimator nor a Transformer."),
            };
            if (i < lastEstimator) current = t.Transform(current);
            fitted.Add(t);
        }
        return new PipelineModel(Uid, fitted.ToArray());
    }

    public override PipelineStage Copy(ParamMap? extra = null)
    {
        var copy = (Pipeline)base.Copy(extra);
        copy.Set(copy.StagesParam, GetStages().Select(s => s.Copy(extra)).ToArray());
        return copy;
    }

    protected internal override void SaveData(string directory) => StageListIO.Save(directory, GetStages());
    protected internal override void LoadData(string directory) => SetStages(StageListIO.Load(directory));
    protected internal override IReadOnlyList<string> ChildStageUids => GetStages().Select(s => s.Uid).ToArray();

    public static Pipeline Load(string path) => Load<Pipeline>(path);
}

/// <summary>The fitted pipeline: applies every fitted stage in order.</summary>
public sealed class PipelineModel : Model
{
    public PipelineModel(string? uid = null) : this(uid, []) { }

    public PipelineModel(string? uid, Transformer[] stages) : base(uid) => Stages = stages;

    /// <summary>The fitted stages, in order.</summary>
    public Transformer[] Stages { get; private set; }

    public override StructType TransformSchema(StructType schema)
    {
        foreach (var s in Stages) schema = s.TransformSchema(schema);
        return schema;
    }

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        foreach (var s in Stages) dataset = s.Transform(dataset);
        return dataset;
    }

    public override PipelineStage Copy(ParamMap? extra = null)
    {
        var copy = (PipelineModel)base.Copy(extra);
        copy.Stages = Stages.Select(s => (Transformer)s.Copy(extra)).ToArray();
        return copy;
    }

    protected internal override void SaveData(string directory) => StageListIO.Save(directory, Stages);
    protected internal override IReadOnlyList<string> ChildStageUids => Stages.Select(s => s.Uid).ToArray();

    protected internal override void LoadData(string directory) =>
        Stages = StageListIO.Load(directory).Select(s => s as Transformer
            ?? throw new PersistenceException($"A PipelineModel saved at {directory} contains {s.GetType().Name} {s.Uid}, which is not a fitted transformer.")).ToArray();

    public static PipelineModel Load(string path) => Load<PipelineModel>(path);
}
