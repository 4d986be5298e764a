using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>Join strategy choice, output layout and error messages (results are checked against DuckDB in Oracle/).</summary>
public class JoinTests
{
    private static readonly DlpSession Auto = DlpSession.Builder().Master("local[2]").BatchSize(4).NewSession();
    private static readonly DlpSession NoAuto = DlpSession.Builder().Master("local[2]").BatchSize(4).AutoBroadcastJoinThreshold(-1).NewSession();

    private static DataFrame Left(DlpSession s) => s.CreateDataFrame(
        [[1, "a"], [2, "b"], [null, "c"], [2, "d"]],
        new StructType(new StructField("k", DataTypes.Integer), new StructField("a", DataTypes.String)));

    private static DataFrame Right(DlpSession s) => s.CreateDataFrame(
        [[2L, 20.0], [3L, 30.0], [null, 0.0]],
        new StructType(new StructField("k", DataTypes.Long), new StructField("b", DataTypes.Double, false)));

    [Fact]
    public void SmallSideIsBroadcastAutomatically()
    {
        var plan = Left(Auto).Join(Right(Auto), "k").Explain();
        Assert.StartsWith("BroadcastHashJoin [CAST(k AS BIGINT)], [k], Inner, BuildRight", plan);
        Assert.DoesNotContain("Exchange", plan);
    }

    [Fact]
    public void WithoutAutoBroadcastBothSidesAreShuffled()
    {
        var plan = Left(NoAuto).Join(Right(NoAuto), "k").Explain();
        Assert.StartsWith("ShuffledHashJoin", plan);
        Assert.Equal(2, plan.Split('\n').Count(l => l.Contains("Exchange hashpartitioning")));
    }

    [Fact]
    public void BroadcastHintChoosesTheBuildSide()
    {
        Assert.StartsWith("BroadcastHashJoin", Left(NoAuto).Join(Broadcast(Right(NoAuto)), "k").Explain());
        Assert.Contains("Inner, BuildLeft", Broadcast(Left(NoAuto)).Join(Right(NoAuto), "k").Explain().Split('\n')[0]);
    }

    [Fact]
    public void PreservedSideIsNeverBroadcast()
    {
        Assert.StartsWith("ShuffledHashJoin", Left(NoAuto).Join(Broadcast(Right(NoAuto)), "k", "right").Explain());
        Assert.StartsWith("BroadcastHashJoin [CAST(k AS BIGINT)], [k], RightOuter, BuildLeft", Left(Auto).Join(Right(Auto), "k", "right").Explain());
        Assert.StartsWith("ShuffledHashJoin", Left(Auto).Join(Right(Auto), "k", "full").Explain());
    }

    [Fact]
    public void BothStrategiesGiveTheSameRows()
    {
        static string[] Rows(DataFrame df) => df.Collect().Select(r => r.ToString()).Order().ToArray();
        foreach (var how in new[] { "inner", "left", "right", "full", "semi", "anti" })
            Assert.Equal(Rows(Left(NoAuto).Join(Right(NoAuto), "k", how)), Rows(Left(Auto).Join(Right(Auto), "k", how)));
    }

    [Fact]
    public void JoinOnColumnNameKeepsOneKeyColumnAndMarksTheOptionalSideNullable()
    {
        var df = Left(Auto).Join(Right(Auto), "k", "left");
        Assert.Equal(["k", "a", "b"], df.Columns);
        Assert.True(df.Schema["b"].Nullable);
        Assert.Equal(["[1,a,null]", "[2,b,20.0]", "[2,d,20.0]", "[null,c,null]"], df.Collect().Select(r => r.ToString()).Order().ToArray());
    }

    [Fact]
    public void ConditionJoinKeepsBothKeyColumnsAndDistinctCopesWithTheRepeatedName()
    {
        var df = Left(Auto).Alias("l").Join(Right(Auto).Alias("r"), Col("l.k").EqualTo(Col("r.k")));
        Assert.Equal(["k", "a", "k", "b"], df.Columns);
        Assert.Equal(2, df.Count());
        Assert.Equal(1, df.Select("k").Distinct().Count());
        Assert.Equal(2, df.Distinct().Count());
    }

    [Fact]
    public void AmbiguousNameInConditionSaysHowToQualifyIt()
    {
        var e = Assert.Throws<SchemaException>(() => Left(Auto).Join(Right(Auto), Col("k").EqualTo(Col("k"))));
        Assert.Contains("'k' in the join condition is ambiguous", e.Message);
        Assert.Contains("Alias", e.Message);
    }

    [Fact]
    public void JoinColumnMissingOnOneSideIsRejected()
    {
        var e = Assert.Throws<SchemaException>(() => Left(Auto).Join(Right(Auto), "a"));
        Assert.Contains("'a' must exist on both sides", e.Message);
    }

    [Fact]
    public void JoinKeysOfIncomparableTypesAreRejected()
    {
        var e = Assert.Throws<SchemaException>(() => Left(Auto).Join(Right(Auto).WithColumn("a", Col("b")), "a"));
        Assert.Contains("'a' is string on the left but double on the right", e.Message);
    }

    [Fact]
    public void UnknownJoinTypeListsTheSupportedOnes()
    {
        var e = Assert.Throws<ParamException>(() => Left(Auto).Join(Right(Auto), "k", "sideways"));
        Assert.Contains("'sideways'", e.Message);
        Assert.Contains("left_anti", e.Message);
    }

    [Fact]
    public void CrossJoinPairsEveryRowAcrossBatches()
    {
        Assert.Equal(12, Left(NoAuto).CrossJoin(Right(NoAuto)).Count());
        Assert.Equal(12, Left(Auto).CrossJoin(Right(Auto)).Count());
    }

    [Fact]
    public void UnionRejectsDifferentWidthsAndIncompatibleTypes()
    {
        Assert.Contains("same number of columns", Assert.Throws<SchemaException>(() => Left(Auto).Union(Right(Auto).Select("k"))).Message);
        var binary = Auto.CreateDataFrame([[new byte[] { 1 }, 1.0]], new StructType(new StructField("k", DataTypes.Binary), new StructField("b", DataTypes.Double)));
        Assert.Contains("no common type", Assert.Throws<SchemaException>(() => Right(Auto).Union(binary)).Message);
    }

    [Fact]
    public void UnionWidensToStringAndKeepsTheFirstNames()
    {
        var df = Left(Auto).Union(Right(Auto).Select(Col("b").Alias("x"), Col("k")));
        Assert.Equal(["k", "a"], df.Columns);
        Assert.Equal(DataTypes.Double, df.Schema["k"].DataType);
        Assert.Equal(DataTypes.String, df.Schema["a"].DataType);
        Assert.Contains("[20.0,2]", df.Collect().Select(r => r.ToString()));
    }

    [Fact]
    public void UnionByNameNamesTheUnmatchedColumns()
    {
        var e = Assert.Throws<SchemaException>(() => Left(Auto).UnionByName(Right(Auto)));
        Assert.Contains("[a, b]", e.Message);
        Assert.Contains("allowMissingColumns", e.Message);
    }
}
