using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Classification;
using DeepLearningPipelines.Ml.Tuning;

namespace DeepLearningPipelines.Tests.Ml.Parameters;

/// <summary>A param grid named by flat property, by Spark's name, or by param object gives the same maps.</summary>
public class ParamGridByNameTests
{
    [Fact]
    public void PropertyNameAndParamFormsBuildTheSameGrid()
    {
        var lr = new LogisticRegression();
        var byParam = new ParamGridBuilder().AddGrid(lr.RegParamParam, 0.01, 0.1).AddGrid(lr.MaxIterParam, 5, 10).BaseOn(lr.FamilyParam, "binomial").Build();
        var byProperty = new ParamGridBuilder().AddGrid(lr, x => x.RegParam, 0.01, 0.1).AddGrid(lr, x => x.MaxIter, 5, 10).BaseOn(lr, "family", "binomial").Build();
        var byName = new ParamGridBuilder().AddGrid(lr, "regParam", 0.01, 0.1).AddGrid(lr, "maxIter", 5.0, 10.0).BaseOn(lr, "family", "BINOMIAL").Build();
        Assert.Equal(4, byParam.Length);
        Assert.Equal(Describe(byParam), Describe(byProperty));
        Assert.Equal(Describe(byParam), Describe(byName));
    }

    [Fact]
    public void GridValuesAreCheckedWhenAdded()
    {
        var lr = new LogisticRegression();
        Assert.Contains("'elasticNetParam'", Assert.Throws<ParamException>(() => new ParamGridBuilder().AddGrid(lr, x => x.ElasticNetParam, 0.5, 2.0)).Message);
        Assert.Contains("expects double but was given string", Assert.Throws<ParamException>(() => new ParamGridBuilder().AddGrid(lr, "regParam", "0.1")).Message);
        Assert.Contains("Did you mean 'regParam'?", Assert.Throws<ParamException>(() => new ParamGridBuilder().AddGrid(lr, "regparm", 0.1)).Message);
        Assert.Contains("not a param property", Assert.Throws<ParamException>(() => new ParamGridBuilder().AddGrid(lr, x => x.Uid, "a")).Message);
    }

    private static string[] Describe(IEnumerable<DeepLearningPipelines.Ml.Parameters.ParamMap> maps) => maps.Select(m => m.ToString()).ToArray();
}
