using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training;
using DeepLearningPipelines.Nn.Training.Optimizers;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>
/// Compares a <see cref="Trainer"/>'s parameter gradients with central finite differences (step 1e-5) of the loss computed in
/// double precision by <see cref="ReferenceGraph"/>. Input gradients of an operator are checked through a parameter
/// upstream of it. Tolerance: |g − fd| ≤ 1e-5 + 1e-4·max|fd| + 2e-3·|fd| (float32 kernels against a double reference).
/// </summary>
internal static class GradientCheck
{
    private const double Step = 1e-5;

    public static void Check(ModelGraph graph, Tensor input, LossKind loss, Tensor labels, IReadOnlyList<string>? frozenPrefixes = null,
        ISet<string>? inferenceBatchNorms = null, int samples = 20, int seed = 0)
    {
        using var trainer = new Trainer(graph, new TrainerOptions { Loss = loss, Optimizer = new Sgd(0.1f), FrozenPrefixes = frozenPrefixes ?? [] });
        trainer.ComputeGradients(input, labels);
        var reference = new ReferenceGraph(graph, new Dictionary<string, (double[], int[])>
        {
            [graph.Inputs[0].Name] = (input.ToArray().Select(v => (double)v).ToArray(), input.Shape),
        }, inferenceBatchNorms);
        double[] target = labels.ToArray().Select(v => (double)v).ToArray();
        var rng = new Random(seed);
        Assert.NotEmpty(trainer.Parameters);
        foreach (var p in trainer.Parameters)
        {
            double[] w = reference.Weights[p.Name];
            int[] picks = p.Length <= samples ? Enumerable.Range(0, p.Length).ToArray() : Enumerable.Range(0, samples).Select(_ => rng.Next(p.Length)).ToArray();
            var fd = new double[picks.Length];
            for (int j = 0; j < picks.Length; j++)
            {
                int i = picks[j];
                double saved = w[i];
                w[i] = saved + Step;
                double plus = reference.Loss(loss, target);
                w[i] = saved - Step;
                double minus = reference.Loss(loss, target);
                w[i] = saved;
                fd[j] = (plus - minus) / (2 * Step);
            }
            double scale = fd.Max(Math.Abs);
            for (int j = 0; j < picks.Length; j++)
            {
                double g = trainer.Gradients[p.Offset + picks[j]];
                double tolerance = 1e-5 + 1e-4 * scale + 2e-3 * Math.Abs(fd[j]);
                Assert.True(Math.Abs(g - fd[j]) <= tolerance, $"{p.Name}[{picks[j]}]: gradient {g}, finite difference {fd[j]} (tolerance {tolerance:G3})");
            }
        }
    }

    public static Tensor Random(Random rng, float scale, params int[] shape) => new(TestData.Random(rng, Tensor.ElementCount(shape), scale), shape);
}
