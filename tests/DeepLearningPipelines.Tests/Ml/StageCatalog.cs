using DeepLearningPipelines.Ml;
using DeepLearningPipelines.Ml.Feature;

namespace DeepLearningPipelines.Tests.Ml;

/// <summary>Every stage the library offers, configured on <see cref="StageCase.Mixed"/>.</summary>
public static class StageCatalog
{
    public static IEnumerable<StageCase> All()
    {
        yield return new("VectorAssembler", () => new VectorAssembler().SetInputCols("x1", "x2", "features").SetOutputCol("assembled"), StageCase.Mixed, "x2");
        yield return new("StringIndexer", () => new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex"), StageCase.Mixed, "word");
        yield return new("IndexToString", () => new IndexToString().SetInputCol("cat").SetOutputCol("catName").SetLabels("a", "b", "c"), StageCase.Mixed, "cat");
        yield return new("StandardScaler", () => new StandardScaler().SetInputCol("features").SetOutputCol("scaled").SetWithMean(true), StageCase.Mixed, "features");
        yield return new("OneHotEncoder", () => new OneHotEncoder().SetInputCols("cat", "x2").SetOutputCols("catVec", "x2Vec"), StageCase.Mixed, "cat");
        yield return new("Pipeline", () => new Pipeline().SetStages(
            new StringIndexer().SetInputCol("word").SetOutputCol("wordIndex"),
            new OneHotEncoder().SetInputCols("wordIndex").SetOutputCols("wordVec"),
            new VectorAssembler().SetInputCols("wordVec", "features").SetOutputCol("all"),
            new StandardScaler().SetInputCol("all").SetOutputCol("allScaled")), StageCase.Mixed, "word");
    }
}
