using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Persistence;

namespace DeepLearningPipelines.Ml;

/// <summary>Params that save to and load from a folder (stages, evaluators), as Spark's <c>MLWritable</c>.</summary>
public abstract class SavableParams : Params
{
    protected SavableParams(string? uid) : base(uid) { }

    /// <summary>Saves to a new folder: <c>metadata.json</c> plus a <c>data/</c> folder; fails if the folder exists.</summary>
    public void Save(string path) => Write().Save(path);

    /// <summary>A writer with options (<c>Overwrite()</c>).</summary>
    public MlWriter Write() => new(this);

    /// <summary>Writes fitted data (models) or child objects (pipelines, tuning) into <paramref name="directory"/>.</summary>
    protected internal virtual void SaveData(string directory) { }

    /// <summary>Reads what <see cref="SaveData"/> wrote.</summary>
    protected internal virtual void LoadData(string directory) { }

    /// <summary>For pipelines, the uids of the child stages <see cref="SaveData"/> writes, recorded in the metadata and checked on load.</summary>
    protected internal virtual IReadOnlyList<string>? ChildStageUids => null;

    /// <summary>Loads a saved object, checking that it is a <typeparamref name="T"/>.</summary>
    public static T Load<T>(string path) where T : SavableParams =>
        MlReader.Load(path) is T t ? t : throw new PersistenceException($"The object saved at {path} is a {MlReader.ReadMetadata(path).Class}, not a {typeof(T).Name}.");

    public override string ToString() => Uid;
}

/// <summary>
/// A stage of a pipeline: it checks an input schema before any work (<see cref="TransformSchema"/>), copies with
/// extra params, and saves to and loads from a folder.
/// </summary>
public abstract class PipelineStage : SavableParams
{
    protected PipelineStage(string? uid) : base(uid) { }

    /// <summary>The output schema for <paramref name="schema"/>; throws a <see cref="SchemaException"/> naming the column and the expected type when the input does not fit.</summary>
    public abstract StructType TransformSchema(StructType schema);

    /// <summary>A copy with the same uid, values and (for models) fitted data, plus <paramref name="extra"/>.</summary>
    public virtual PipelineStage Copy(ParamMap? extra = null) => (PipelineStage)CopyParams(extra);

    /// <summary>Loads a saved stage of any kind.</summary>
    public static PipelineStage LoadStage(string path) => Load<PipelineStage>(path);
}

/// <summary>Turns one DataFrame into another, as Spark's <c>Transformer</c>.</summary>
public abstract class Transformer : PipelineStage
{
    protected Transformer(string? uid) : base(uid) { }

    /// <summary>Validates the schema, then returns the transformed (lazily planned) DataFrame.</summary>
    public Frames.DataFrame Transform(Frames.DataFrame dataset, ParamMap? extra = null)
    {
        if (extra is not null && extra.Count > 0) return ((Transformer)Copy(extra)).Transform(dataset);
        TransformSchema(dataset.Schema);
        return TransformImpl(dataset);
    }

    /// <summary>The transformation itself; the schema has already been validated.</summary>
    protected abstract Frames.DataFrame TransformImpl(Frames.DataFrame dataset);
}

/// <summary>Learns a <see cref="Model"/> from a DataFrame, as Spark's <c>Estimator</c>.</summary>
public abstract class Estimator : PipelineStage
{
    protected Estimator(string? uid) : base(uid) { }

    /// <summary>Validates the schema, fits, and returns a model that carries this estimator's params.</summary>
    public Model Fit(Frames.DataFrame dataset, ParamMap? extra = null)
    {
        if (extra is not null && extra.Count > 0) return ((Estimator)Copy(extra)).Fit(dataset);
        TransformSchema(dataset.Schema);
        var model = FitImpl(dataset);
        model.Parent = this;
        return model;
    }

    /// <summary>One model per param map, as Spark's <c>fit(dataset, paramMaps)</c>.</summary>
    public Model[] Fit(Frames.DataFrame dataset, IReadOnlyList<ParamMap> paramMaps) => paramMaps.Select(m => Fit(dataset, m)).ToArray();

    /// <summary>The fitting itself; the schema has already been validated.</summary>
    protected abstract Model FitImpl(Frames.DataFrame dataset);
}

/// <summary>An estimator whose models have a known type.</summary>
public abstract class Estimator<TModel> : Estimator where TModel : Model
{
    protected Estimator(string? uid) : base(uid) { }

    /// <inheritdoc cref="Estimator.Fit(Frames.DataFrame, ParamMap?)"/>
    public new TModel Fit(Frames.DataFrame dataset, ParamMap? extra = null) => (TModel)base.Fit(dataset, extra);
}

/// <summary>A fitted transformer, as Spark's <c>Model</c>; <see cref="Parent"/> is the estimator that produced it.</summary>
public abstract class Model : Transformer
{
    protected Model(string? uid) : base(uid) { }

    /// <summary>The estimator that fitted this model (null after loading).</summary>
    public Estimator? Parent { get; internal set; }
}
