namespace DeepLearningPipelines.Cli.Model;

/// <summary>One ranked class of a prediction.</summary>
internal sealed record RankedClass(int Index, string? Label, float Probability);

/// <summary>Turns a model's class output into probabilities (softmax when it is not one already) and ranks it.</summary>
internal static class ClassScores
{
    /// <summary>How far from 1 the sum of an output may be for it to count as probabilities already.</summary>
    public const double SumTolerance = 0.01;

    /// <summary>
    /// <paramref name="scores"/> as probabilities: unchanged when they are non-negative and sum to 1 within
    /// <see cref="SumTolerance"/>; otherwise their softmax, and <paramref name="softmaxApplied"/> is true.
    /// </summary>
    public static float[] AsProbabilities(float[] scores, out bool softmaxApplied)
    {
        double sum = scores.Sum(v => (double)v);
        softmaxApplied = Math.Abs(sum - 1) > SumTolerance || scores.Any(v => v < 0);
        if (!softmaxApplied) return scores;
        float max = scores.Max();
        var exp = scores.Select(v => Math.Exp(v - max)).ToArray();
        double total = exp.Sum();
        return exp.Select(v => (float)(v / total)).ToArray();
    }

    /// <summary>The <paramref name="k"/> most probable classes, ties broken by the lower index; labels only when <paramref name="labels"/> covers every class.</summary>
    public static IReadOnlyList<RankedClass> Top(float[] probabilities, int k, IReadOnlyList<string> labels)
    {
        bool labelled = labels.Count == probabilities.Length;
        return probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).ThenBy(x => x.i).Take(k)
            .Select(x => new RankedClass(x.i, labelled ? labels[x.i] : null, x.p)).ToList();
    }
}
