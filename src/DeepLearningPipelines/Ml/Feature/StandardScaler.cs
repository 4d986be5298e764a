using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Ml.Feature;

/// <summary>
/// Standardizes a vector column, as Spark's <c>StandardScaler</c>: divides by the corrected sample standard deviation
/// (<c>withStd</c>, default true) and optionally subtracts the mean (<c>withMean</c>, default false). Features with
/// zero deviation become 0.
/// </summary>
public sealed class StandardScaler : Estimator<StandardScalerModel>
{
    public StandardScaler(string? uid = null) : base(uid)
    {
        (InputColParam, OutputColParam, WithMeanParam, WithStdParam) = StandardScalerModel.DeclareParams(this);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<bool> WithMeanParam { get; }
    public Param<bool> WithStdParam { get; }

    public string? InputCol { get => GetOrNull(InputColParam); set => SetOrClear(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public bool WithMean { get => Get(WithMeanParam); set => Set(WithMeanParam, value); }
    public bool WithStd { get => Get(WithStdParam); set => Set(WithStdParam, value); }

    public StandardScaler SetInputCol(string value) { Set(InputColParam, value); return this; }
    public StandardScaler SetOutputCol(string value) { Set(OutputColParam, value); return this; }
    public StandardScaler SetWithMean(bool value) { Set(WithMeanParam, value); return this; }
    public StandardScaler SetWithStd(bool value) { Set(WithStdParam, value); return this; }

    public override StructType TransformSchema(StructType schema) => StandardScalerModel.ValidateAndExtend(schema, Get(InputColParam), Get(OutputColParam));

    protected override Model FitImpl(DataFrame dataset)
    {
        string input = Get(InputColParam);
        int col = dataset.Schema.FieldIndex(input);
        var stats = dataset.Aggregate(() => new RunningMoments(), (m, b) =>
        {
            var vectors = new VectorColumn(b.Column(col), input);
            double[] x = [];
            for (int r = 0; r < b.RowCount; r++)
            {
                if (vectors.IsNull(r)) continue;
                if (x.Length != vectors.Size(r)) x = new double[vectors.Size(r)];
                vectors.CopyTo(r, x);
                m.Add(x, input);
            }
            return m;
        }, RunningMoments.Merge);
        if (stats.HasNonFinite) throw NonFiniteValue(dataset, input);
        if (stats.Count == 0) throw new DataFormatException($"StandardScaler cannot fit on an empty data set (column '{input}').");
        var model = new StandardScalerModel(Uid) { Mean = stats.Mean, Std = stats.SampleStd };
        CopyValuesTo(model);
        return model;
    }

    /// <summary>The error for the first NaN or infinite feature, found by a second, ordered pass (only taken on failure).</summary>
    private static DataFormatException NonFiniteValue(DataFrame dataset, string input)
    {
        var locator = new RowLocator();
        int i = 0;
        foreach (var b in dataset.Select(input).CollectBatches())
        {
            locator.Add(b);
            for (int r = 0; r < b.RowCount; r++, i++)
            {
                if (b.GetValue(0, r) is not Vector v) continue;
                var x = v.ToArray();
                int k = Array.FindIndex(x, e => !double.IsFinite(e));
                if (k >= 0)
                    return new DataFormatException($"Column '{input}' has a non-finite value ({JavaFormat.Double(x[k])}) at feature {k} in {locator.Row(i)}; StandardScaler cannot fit on it. Clean or impute the data first (e.g. VectorAssembler with handleInvalid=skip).");
            }
        }
        return new DataFormatException($"Column '{input}' has a non-finite value; StandardScaler cannot fit on it.");
    }

    public static StandardScaler Load(string path) => Load<StandardScaler>(path);
}

/// <summary>A fitted <see cref="StandardScaler"/>.</summary>
public sealed class StandardScalerModel : Model
{
    public StandardScalerModel(string? uid = null) : base(uid)
    {
        (InputColParam, OutputColParam, WithMeanParam, WithStdParam) = StandardScalerModel.DeclareParams(this);
    }

    public Param<string> InputColParam { get; }
    public Param<string> OutputColParam { get; }
    public Param<bool> WithMeanParam { get; }
    public Param<bool> WithStdParam { get; }

    public string? InputCol { get => GetOrNull(InputColParam); set => SetOrClear(InputColParam, value); }
    public string OutputCol { get => Get(OutputColParam); set => Set(OutputColParam, value); }
    public bool WithMean { get => Get(WithMeanParam); set => Set(WithMeanParam, value); }
    public bool WithStd { get => Get(WithStdParam); set => Set(WithStdParam, value); }

    public StandardScalerModel SetInputCol(string value) { Set(InputColParam, value); return this; }
    public StandardScalerModel SetOutputCol(string value) { Set(OutputColParam, value); return this; }

    /// <summary>Per-feature means of the training data.</summary>
    public double[] Mean { get; internal set; } = [];

    /// <summary>Per-feature corrected sample standard deviations.</summary>
    public double[] Std { get; internal set; } = [];

    /// <summary>Declares the params the scaler and its model share on <paramref name="owner"/>.</summary>
    internal static (Param<string>, Param<string>, Param<bool>, Param<bool>) DeclareParams(Params owner) => (
        SharedParams.InputCol(owner),
        SharedParams.OutputCol(owner),
        owner.Declare<bool>("withMean", "whether to center the data with the mean before scaling", false),
        owner.Declare<bool>("withStd", "whether to scale the data to unit standard deviation", true));

    internal static StructType ValidateAndExtend(StructType schema, string input, string output)
    {
        schema.Require(input, DataTypes.Vector, "features to scale");
        return ColumnAppender.Extend(schema, new StructField(output, DataTypes.Vector, false));
    }

    public override StructType TransformSchema(StructType schema) => ValidateAndExtend(schema, Get(InputColParam), Get(OutputColParam));

    protected override DataFrame TransformImpl(DataFrame dataset)
    {
        bool withMean = Get(WithMeanParam), withStd = Get(WithStdParam);
        string input = Get(InputColParam);
        int col = dataset.Schema.FieldIndex(input);
        var scale = Std.Select(s => withStd ? (s == 0 ? 0.0 : 1.0 / s) : 1.0).ToArray();
        return ColumnAppender.Append(dataset, [new StructField(Get(OutputColParam), DataTypes.Vector, false)], b =>
        {
            var output = new object?[b.RowCount];
            for (int r = 0; r < b.RowCount; r++)
            {
                if (b.GetValue(col, r) is not Vector v) continue;
                if (v.Size != Mean.Length)
                    throw new DataFormatException($"StandardScalerModel: column '{input}' has a vector of size {v.Size} but the model was fitted on size {Mean.Length}.");
                if (!withMean && v is SparseVector sv)
                {
                    output[r] = new SparseVector(sv.Size, sv.Indices, sv.Indices.Select((i, k) => sv.Values[k] * scale[i]).ToArray());
                    continue;
                }
                var x = v.ToArray();
                for (int i = 0; i < x.Length; i++) x[i] = (withMean ? x[i] - Mean[i] : x[i]) * scale[i];
                output[r] = new DenseVector(x);
            }
            return ([output], null);
        }, "StandardScalerModel");
    }

    protected internal override void SaveData(string directory) => Persistence.ModelData.Write(directory, new[] { Mean, Std });

    protected internal override void LoadData(string directory)
    {
        var d = Persistence.ModelData.Read<double[][]>(directory);
        if (d.Length != 2 || d[0] is null || d[1] is null || d[0].Length != d[1].Length)
            throw new PersistenceException($"StandardScalerModel data in {directory} must hold mean and std of equal length.");
        if (d[0].Any(m => !double.IsFinite(m)) || d[1].Any(s => !double.IsFinite(s) || s < 0))
            throw new PersistenceException($"StandardScalerModel data in {directory} holds a mean that is not finite or a std that is negative or not finite.");
        (Mean, Std) = (d[0], d[1]);
    }

    public static StandardScalerModel Load(string path) => Load<StandardScalerModel>(path);
}

/// <summary>Streaming per-feature mean and variance (Welford, mergeable across partitions and, on the wire, across ranks).</summary>
internal sealed class RunningMoments : IWireValue<RunningMoments>
{
    public long Count { get; private set; }

    /// <summary>True when a vector with a NaN or infinite value was seen (such vectors are not added).</summary>
    public bool HasNonFinite { get; private set; }

    private double[] _mean = [];
    private double[] _m2 = [];

    public double[] Mean => _mean;
    public double[] SampleStd => _m2.Select(m => Count > 1 ? Math.Sqrt(m / (Count - 1)) : 0.0).ToArray();

    public void Add(double[] x, string column)
    {
        if (!Array.TrueForAll(x, double.IsFinite)) { HasNonFinite = true; return; }
        if (Count == 0) { _mean = new double[x.Length]; _m2 = new double[x.Length]; }
        else if (x.Length != _mean.Length) throw new DataFormatException($"Column '{column}' holds vectors of different sizes ({_mean.Length} and {x.Length}).");
        Count++;
        for (int i = 0; i < x.Length; i++)
        {
            double d = x[i] - _mean[i];
            _mean[i] += d / Count;
            _m2[i] += d * (x[i] - _mean[i]);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        writer.Write(HasNonFinite);
        writer.Write(_mean.Length);
        foreach (var m in _mean) writer.Write(m);
        foreach (var m in _m2) writer.Write(m);
    }

    public static RunningMoments Read(BinaryReader reader)
    {
        var r = new RunningMoments { Count = reader.ReadInt64(), HasNonFinite = reader.ReadBoolean() };
        int n = reader.ReadInt32();
        r._mean = new double[n];
        r._m2 = new double[n];
        for (int i = 0; i < n; i++) r._mean[i] = reader.ReadDouble();
        for (int i = 0; i < n; i++) r._m2[i] = reader.ReadDouble();
        return r;
    }

    public static RunningMoments Merge(RunningMoments a, RunningMoments b)
    {
        if (b.HasNonFinite) a.HasNonFinite = true;
        if (a.HasNonFinite) b.HasNonFinite = true;
        if (a.Count == 0) return b;
        if (b.Count == 0) return a;
        var r = new RunningMoments { HasNonFinite = a.HasNonFinite, Count = a.Count + b.Count, _mean = new double[a._mean.Length], _m2 = new double[a._mean.Length] };
        for (int i = 0; i < r._mean.Length; i++)
        {
            double d = b._mean[i] - a._mean[i];
            r._mean[i] = a._mean[i] + d * b.Count / r.Count;
            r._m2[i] = a._m2[i] + b._m2[i] + d * d * a.Count * b.Count / r.Count;
        }
        return r;
    }
}
