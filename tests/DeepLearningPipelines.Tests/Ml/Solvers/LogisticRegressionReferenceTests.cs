using System.Text.Json;
using DeepLearningPipelines.Ml.Solvers;
using Xunit.Abstractions;

namespace DeepLearningPipelines.Tests.Ml.Solvers;

/// <summary>
/// Agreement with scikit-learn 1.2 (lbfgs for L2, saga for elastic net) on the first 3000 letter rows; fixtures from
/// Fixtures/solvers/make_reference.py. Tolerances: every coefficient within 2e-4·max|β_ref|, every intercept within
/// 2e-4·max(1, max|b_ref|), and our objective (recomputed here on the original scale) at most 1e-9 above sklearn's.
/// </summary>
public class LogisticRegressionReferenceTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 2e-4;

    private static readonly Lazy<JsonElement> Reference = new(() =>
        JsonDocument.Parse(File.ReadAllText(LettersData.FixturePath("logistic_regression_reference.json"))).RootElement);

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in Reference.Value.GetProperty("cases").EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesScikitLearn(string name)
    {
        var c = Reference.Value.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        bool multinomial = c.GetProperty("family").GetString() == "multinomial";
        double regParam = c.GetProperty("regParam").GetDouble();
        double alpha = c.GetProperty("elasticNetParam").GetDouble();
        bool standardization = c.GetProperty("standardization").GetBoolean();
        var expectedCoefficients = c.GetProperty("coefficients").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var expectedIntercepts = c.GetProperty("intercepts").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double expectedObjective = c.GetProperty("objective").GetDouble();

        int rows = Reference.Value.GetProperty("rows").GetInt32();
        var x = LettersData.Features[..rows];
        var y = LettersData.Labels[..rows].Select(l => multinomial ? l : l >= 13 ? 1.0 : 0.0).ToArray();
        var fit = LogisticRegressionSolver.Fit(x, y, null, new LogisticRegressionOptions(
            Family: multinomial ? LogisticRegressionFamily.Multinomial : LogisticRegressionFamily.Binomial,
            RegParam: regParam, ElasticNetParam: alpha, Standardization: standardization, MaxIter: 3000, Tol: 1e-12));

        double scale = expectedCoefficients.SelectMany(r => r).Max(Math.Abs);
        double coefficientGap = 0, interceptGap = 0;
        for (int k = 0; k < expectedCoefficients.Length; k++)
        {
            for (int j = 0; j < expectedCoefficients[k].Length; j++)
                coefficientGap = Math.Max(coefficientGap, Math.Abs(fit.CoefficientMatrix[k, j] - expectedCoefficients[k][j]));
            interceptGap = Math.Max(interceptGap, Math.Abs(fit.InterceptVector[k] - expectedIntercepts[k]));
        }
        double objective = SparkObjective(x, y, fit.CoefficientMatrix, fit.InterceptVector, regParam, alpha, standardization, multinomial);
        output.WriteLine($"{name}: iterations {fit.Iterations}, max |Δβ| {coefficientGap:G3} (max |β| {scale:G3}), " +
                         $"max |Δb| {interceptGap:G3}, objective {objective:R} vs sklearn {expectedObjective:R}");

        Assert.Equal(expectedCoefficients.Length, fit.CoefficientMatrix.GetLength(0));
        Assert.True(coefficientGap <= RelativeTolerance * scale, $"coefficients differ by {coefficientGap} > {RelativeTolerance * scale}");
        double interceptScale = Math.Max(1, expectedIntercepts.Max(Math.Abs));
        Assert.True(interceptGap <= RelativeTolerance * interceptScale, $"intercepts differ by {interceptGap}");
        Assert.True(objective <= expectedObjective + 1e-9, $"objective {objective} is above sklearn's {expectedObjective}");
        Assert.Equal(objective, fit.ObjectiveHistory[^1], 1e-9);
    }

    /// <summary>Spark's objective written directly on the original scale: mean log-loss + λ((1−α)/2‖s∘β‖² + α‖s∘β‖₁),
    /// s = sample std when standardizing, else 1.</summary>
    private static double SparkObjective(double[][] x, double[] y, double[,] beta, double[] intercepts,
        double regParam, double alpha, bool standardization, bool multinomial)
    {
        int sets = intercepts.Length, p = x[0].Length, n = x.Length;
        double loss = 0;
        var margins = new double[sets];
        for (int r = 0; r < n; r++)
        {
            for (int k = 0; k < sets; k++)
            {
                margins[k] = intercepts[k];
                for (int j = 0; j < p; j++) margins[k] += beta[k, j] * x[r][j];
            }
            if (multinomial)
            {
                double max = margins.Max();
                loss += Math.Log(margins.Sum(m => Math.Exp(m - max))) + max - margins[(int)y[r]];
            }
            else loss += Math.Log(1 + Math.Exp(margins[0])) - y[r] * margins[0];
        }
        double l2 = 0, l1 = 0;
        for (int j = 0; j < p; j++)
        {
            double mean = x.Average(row => row[j]);
            double s = standardization ? Math.Sqrt(x.Sum(row => (row[j] - mean) * (row[j] - mean)) / (n - 1)) : 1;
            for (int k = 0; k < sets; k++)
            {
                l2 += Math.Pow(s * beta[k, j], 2);
                l1 += Math.Abs(s * beta[k, j]);
            }
        }
        return loss / n + regParam * ((1 - alpha) / 2 * l2 + alpha * l1);
    }
}
