using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Evaluation;
using DeepLearningPipelines.Ml.Feature;
using DeepLearningPipelines.Ml.Parameters;
using DeepLearningPipelines.Ml.Tuning;
using DeepLearningPipelines.Tests.Support;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>
/// The checks every stage and evaluator must pass: params explained and copied, enum-like params accepted in any
/// letter case and stored canonically, schema validated before any work with a message naming the column, save/load
/// round trip with identical output, and a clear error for a corrupt saved folder.
/// </summary>
public class StageChecks
{
    public static TheoryData<StageCase> Cases() => new(StageCatalog.All());
    public static TheoryData<EvaluatorCase> EvaluatorCases() => new(StageCatalog.AllEvaluators());

    [Fact]
    public void EveryConcreteStageAndEvaluatorHasACase()
    {
        var missing = StageCatalog.WithoutFactory().Select(t => t.FullName).ToArray();
        Assert.True(missing.Length == 0,
            $"The conformance suite cannot build {string.Join(", ", missing)}: add a factory for each to StageCatalog (keyed by its type).");
        Assert.All(StageCatalog.All(), c => Assert.Equal(c.Name, c.Create().GetType().Name));
    }

    [Theory, MemberData(nameof(Cases))]
    public void ExplainParamsDocumentsEveryParam(StageCase c) => AssertExplained(c.Create());

    [Theory, MemberData(nameof(EvaluatorCases))]
    public void EvaluatorExplainParamsDocumentsEveryParam(EvaluatorCase c) => AssertExplained(c.Create());

    private static void AssertExplained(Params owner)
    {
        var text = owner.ExplainParams();
        Assert.All(owner.ParamList, p =>
        {
            Assert.Contains(p.Name + ": ", text);
            Assert.False(string.IsNullOrWhiteSpace(p.Doc));
        });
    }

    [Theory, MemberData(nameof(Cases))]
    public void EnumParamsAcceptAnyLetterCaseAndStoreTheCanonicalSpelling(StageCase c)
    {
        var data = c.Data();
        AssertEnumParamsCanonical(c.Create(), s => Outcome(() => Output(Run((PipelineStage)s, data))));
    }

    [Theory, MemberData(nameof(EvaluatorCases))]
    public void EvaluatorEnumParamsAcceptAnyLetterCaseAndStoreTheCanonicalSpelling(EvaluatorCase c)
    {
        var data = c.Data();
        AssertEnumParamsCanonical(c.Create(), e => Outcome(() =>
        {
            var evaluator = (Evaluator)e;
            return [JavaFormat.Double(evaluator.Evaluate(data)), evaluator.IsLargerBetter ? "larger is better" : "smaller is better"];
        }));
    }

    /// <summary>
    /// For every allowed value of every enum-like param: each other letter case is stored as the canonical spelling,
    /// and gives the same outcome as the canonical spelling.
    /// </summary>
    private static void AssertEnumParamsCanonical(Params owner, Func<Params, string[]> outcome)
    {
        foreach (var p in owner.ParamList.OfType<Param<string>>().Where(p => p.AllowedValues is not null))
            foreach (var allowed in p.AllowedValues!)
            {
                owner.Set(p, allowed);
                var expected = outcome(owner);
                var variants = new[] { allowed.ToUpperInvariant(), allowed.ToLowerInvariant(), SwapCase(allowed) }.Where(v => v != allowed).Distinct().ToArray();
                Assert.NotEmpty(variants);
                foreach (var variant in variants)
                {
                    owner.Set(p, variant);
                    Assert.Equal(allowed, owner.Get(p));
                    Assert.Equal(allowed, owner.ExtractParamMap().Get(p));
                }
                owner.Set(p, variants[0]);
                var actual = outcome(owner);
                Assert.True(expected.SequenceEqual(actual), $"{owner.GetType().Name}.{p.Name} = \"{variants[0]}\" gives another result than \"{allowed}\".");
            }
    }

    private static string SwapCase(string s) => new(s.Select(ch => char.IsUpper(ch) ? char.ToLowerInvariant(ch) : char.ToUpperInvariant(ch)).ToArray());

    /// <summary>The rows produced, or the library error raised, so that failures compare too.</summary>
    private static string[] Outcome(Func<string[]> run)
    {
        try { return run(); }
        catch (DlpException e) { return [$"{e.GetType().Name}: {e.Message}"]; }
    }

    [Theory, MemberData(nameof(Cases))]
    public void CopyKeepsUidAndAppliesExtraWithoutTouchingTheOriginal(StageCase c)
    {
        var stage = c.Create();
        static Params Target(PipelineStage s) => s switch
        {
            Pipeline p => Target(p.GetStages()[0]),
            PipelineModel pm => Target(pm.Stages[0]),
            CrossValidator cv => Target(cv.Estimator!),
            TrainValidationSplit tvs => Target(tvs.Estimator!),
            ValidatorModelBase vm => Target(vm.BestModel),
            _ => s,
        };
        var owner = Target(stage);
        var (param, renamed) = owner.ParamList.OfType<Param<string>>().Where(p => owner.IsDefined(p) && p.Name.EndsWith("Col"))
            .Select(p => ((Param)p, (object)("renamed_" + owner.Get(p))))
            .Concat(owner.ParamList.OfType<Param<string[]>>().Where(p => owner.IsDefined(p) && p.Name.EndsWith("Cols"))
                .Select(p => ((Param)p, (object)owner.Get(p).Select(v => "renamed_" + v).ToArray())))
            .First();
        var before = owner.ExtractParamMap().Entries.Single(e => e.Param.Equals(param)).Value;
        var copy = stage.Copy(new ParamMap().PutUntyped(param, renamed));
        Assert.Equal(stage.Uid, copy.Uid);
        Assert.Equal(renamed, Target(copy).ExtractParamMap().Entries.Single(e => e.Param.Equals(param)).Value);
        Assert.Equal(before, owner.ExtractParamMap().Entries.Single(e => e.Param.Equals(param)).Value);
    }

    [Theory, MemberData(nameof(Cases))]
    public void MissingInputColumnFailsBeforeAnyWorkNamingIt(StageCase c)
    {
        var stage = c.Create();
        var data = c.Data().Drop(c.RequiredColumn);
        var e = Assert.ThrowsAny<DlpException>(() => stage.TransformSchema(data.Schema));
        Assert.Contains($"'{c.RequiredColumn}'", e.Message);
        Assert.ThrowsAny<DlpException>(() => Run(stage, data));
    }

    [Theory, MemberData(nameof(Cases))]
    public void SaveLoadRoundTripGivesTheSameParamsAndOutput(StageCase c)
    {
        var stage = c.Create();
        var data = c.Data();
        var dir = Path.Combine(TestPaths.NewTempDir(), "stage");
        stage.Save(dir);
        Assert.Throws<PersistenceException>(() => stage.Save(dir));
        var loaded = PipelineStage.LoadStage(dir);
        Assert.Equal(stage.GetType(), loaded.GetType());
        Assert.Equal(stage.Uid, loaded.Uid);
        foreach (var p in stage.ParamList.Where(p => p.SavedInMetadata && stage.IsDefined(p)))
            Assert.Equal(ParamValue(stage, p), ParamValue(loaded, loaded.GetParam(p.Name)));
        Assert.Equal(Output(Run(stage, data)), Output(Run(loaded, data)));

        var fitted = stage is Estimator e ? e.Fit(data) : null;
        if (fitted is not null)
        {
            var modelDir = Path.Combine(TestPaths.NewTempDir(), "model");
            fitted.Save(modelDir);
            var model = (Transformer)PipelineStage.LoadStage(modelDir);
            Assert.Equal(Output(fitted.Transform(data)), Output(model.Transform(data)));
        }
    }

    [Theory, MemberData(nameof(EvaluatorCases))]
    public void EvaluatorSaveLoadRoundTripGivesTheSameMetric(EvaluatorCase c)
    {
        var evaluator = c.Create();
        var dir = Path.Combine(TestPaths.NewTempDir(), "evaluator");
        evaluator.Save(dir);
        var loaded = SavableParams.Load<Evaluator>(dir);
        Assert.Equal(evaluator.GetType(), loaded.GetType());
        Assert.Equal(evaluator.Evaluate(c.Data()), loaded.Evaluate(c.Data()));
    }

    [Theory, MemberData(nameof(Cases))]
    public void CorruptSavedFolderGivesAClearError(StageCase c)
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "stage");
        c.Create().Save(dir);
        File.WriteAllText(Path.Combine(dir, "metadata.json"), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<PersistenceException>(() => PipelineStage.LoadStage(dir)).Message);
        File.Delete(Path.Combine(dir, "metadata.json"));
        Assert.Contains("metadata.json is missing", Assert.Throws<PersistenceException>(() => PipelineStage.LoadStage(dir)).Message);
        Assert.Contains("does not exist", Assert.Throws<PersistenceException>(() => PipelineStage.LoadStage(dir + "-nowhere")).Message);
    }

    [Theory, MemberData(nameof(Cases))]
    public void SavingUnderAFileGivesAPersistenceErrorNamingIt(StageCase c)
    {
        var file = Path.Combine(TestPaths.NewTempDir(), "plain.txt");
        File.WriteAllText(file, "not a folder");
        var e = Assert.Throws<PersistenceException>(() => c.Create().Save(Path.Combine(file, "stage")));
        Assert.Contains($"{file} is a file, not a folder", e.Message);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void LoadingAsTheWrongTypeSaysWhatWasSaved()
    {
        var dir = Path.Combine(TestPaths.NewTempDir(), "va");
        new VectorAssembler().SetInputCols("x1").SetOutputCol("v").Save(dir);
        var e = Assert.Throws<PersistenceException>(() => StandardScaler.Load(dir));
        Assert.Contains("VectorAssembler", e.Message);
    }

    private static DataFrame Run(PipelineStage stage, DataFrame data) => stage switch
    {
        Estimator e => e.Fit(data).Transform(data),
        Transformer t => t.Transform(data),
        _ => throw new InvalidOperationException(),
    };

    private static string ParamValue(PipelineStage s, Param p) => System.Text.Json.JsonSerializer.Serialize(s.ExtractParamMap().Entries.First(e => e.Param.Name == p.Name).Value);

    private static string[] Output(DataFrame df) => df.Collect().Select(r => r.ToString()).ToArray();
}
