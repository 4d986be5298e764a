using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>The join types of Spark's <c>join(other, on, how)</c>.</summary>
internal enum JoinType { Inner, LeftOuter, RightOuter, FullOuter, LeftSemi, LeftAnti, Cross }

internal static class JoinTypes
{
    /// <summary>Parses Spark's <c>how</c> names (case and underscores ignored, as Spark does).</summary>
    public static JoinType Parse(string how) => how.Trim().ToLowerInvariant().Replace("_", "") switch
    {
        "inner" => JoinType.Inner,
        "left" or "leftouter" => JoinType.LeftOuter,
        "right" or "rightouter" => JoinType.RightOuter,
        "full" or "outer" or "fullouter" => JoinType.FullOuter,
        "semi" or "leftsemi" => JoinType.LeftSemi,
        "anti" or "leftanti" => JoinType.LeftAnti,
        "cross" => JoinType.Cross,
        _ => throw new ParamException($"Unsupported join type '{how}'. Supported: inner, cross, outer, full, fullouter, full_outer, left, leftouter, left_outer, right, rightouter, right_outer, semi, leftsemi, left_semi, anti, leftanti, left_anti."),
    };

    /// <summary>Only the left side's columns are output (semi and anti joins).</summary>
    public static bool IsExistence(this JoinType type) => type is JoinType.LeftSemi or JoinType.LeftAnti;

    /// <summary>Spark's name in plans, e.g. <c>LeftOuter</c>.</summary>
    public static string SparkName(this JoinType type) => type.ToString();
}
