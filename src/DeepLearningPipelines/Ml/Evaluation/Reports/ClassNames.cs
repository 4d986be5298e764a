using System.Globalization;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>Display names of labels: <c>names[k]</c> names label value k (the order of Spark's StringIndexer labels), else the number itself.</summary>
internal static class ClassNames
{
    public static string Of(double label, IReadOnlyList<string>? names)
    {
        if (names is null)
            return label.ToString(CultureInfo.InvariantCulture);
        if (label < 0 || label >= names.Count || label != Math.Floor(label))
            throw new ParamException($"No class name for label {label}: the {names.Count} class names cover labels 0 to {names.Count - 1}.");
        return names[(int)label];
    }
}
