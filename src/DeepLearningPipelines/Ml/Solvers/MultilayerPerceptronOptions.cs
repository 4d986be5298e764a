using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>Parameters of <see cref="MultilayerPerceptronSolver"/>, named and defaulted as Spark's MultilayerPerceptronClassifier.</summary>
/// <param name="Layers">Layer sizes from the input (number of features) to the output (number of classes).</param>
/// <param name="MaxIter">Maximum optimizer iterations.</param>
/// <param name="Tol">Convergence tolerance of the optimizer.</param>
/// <param name="BlockSize">Rows stacked into one matrix for the forward and backward passes. A speed setting only: the loss is the mean over all
/// rows (Spark averages per-block means, which differs slightly when the last block is partial).</param>
/// <param name="Seed">Seed of the random initial weights, drawn with SplitMix64 (Spark draws from XORShiftRandom, so equal seeds give the same
/// distribution but not the same numbers; Spark's default seed is a hash of its class name, here 0).</param>
/// <param name="Solver">"l-bfgs" (L-BFGS, memory 10) or "gd" (full-batch gradient descent with a constant StepSize).</param>
/// <param name="StepSize">Learning rate of "gd".</param>
/// <param name="InitialWeights">Start weights in Spark's layout instead of random ones; length must equal the network's weight count.</param>
public sealed record MultilayerPerceptronOptions(
    int[] Layers,
    int MaxIter = 100,
    double Tol = 1e-6,
    int BlockSize = 128,
    long Seed = 0,
    string Solver = MultilayerPerceptronOptions.LBfgs,
    double StepSize = 0.03,
    double[]? InitialWeights = null)
{
    /// <summary>Spark's name of the L-BFGS solver.</summary>
    public const string LBfgs = "l-bfgs";

    /// <summary>Spark's name of the gradient descent solver.</summary>
    public const string GradientDescent = "gd";

    internal void Validate()
    {
        if (MaxIter < 0) throw new ParamException($"MaxIter must be >= 0, got {MaxIter}.");
        if (!(Tol >= 0) || double.IsInfinity(Tol)) throw new ParamException($"Tol must be a finite value >= 0, got {Tol}.");
        if (BlockSize < 1) throw new ParamException($"BlockSize must be >= 1, got {BlockSize}.");
        if (Solver is not (LBfgs or GradientDescent)) throw new ParamException($"Solver must be \"{LBfgs}\" or \"{GradientDescent}\", got \"{Solver}\".");
        if (!(StepSize > 0) || double.IsInfinity(StepSize)) throw new ParamException($"StepSize must be a finite value > 0, got {StepSize}.");
    }
}
