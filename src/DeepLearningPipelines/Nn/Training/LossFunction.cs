using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Nn.Training;

/// <summary>
/// A <see cref="LossKind"/> bound to a graph: <see cref="Output"/> is the graph output, <see cref="Source"/> the value
/// the loss differentiates (the logits before a final Softmax/Sigmoid when fused, else the output itself).
/// </summary>
internal sealed class LossFunction
{
    private readonly LossKind _kind;

    private LossFunction(LossKind kind, string output, string source) => (_kind, Output, Source) = (kind, output, source);

    public string Output { get; }
    public string Source { get; }

    public static LossFunction Create(LossKind kind, ModelGraph graph, string output)
    {
        var producer = graph.Producer(output);
        int rank = graph.Outputs.First(o => o.Name == output).Shape.Length;
        bool fuse = kind switch
        {
            LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy => producer is { Op: OpKind.Softmax } && SoftmaxOverLastAxis(producer, rank),
            LossKind.BinaryCrossEntropy => producer is { Op: OpKind.Sigmoid },
            _ => false,
        };
        return new LossFunction(kind, output, fuse ? producer!.Input(0) : output);
    }

    private static bool SoftmaxOverLastAxis(Node softmax, int rank)
    {
        int axis = softmax.Attributes.GetInt("axis", -1);
        return (axis < 0 ? axis + rank : axis) == rank - 1;
    }

    /// <summary>
    /// Computes the batch-mean loss and the accuracy from <paramref name="source"/> and writes d loss / d source into <paramref name="gradient"/>
    /// (a fused Softmax or Sigmoid keeps the arg-max and the sign, so the accuracy of the logits is the output's).
    /// </summary>
    public TrainingStepResult Compute(Tensor source, Tensor labels, Span<float> gradient)
    {
        int batch = source.Shape.Length == 0 ? 1 : source.Shape[0];
        return _kind switch
        {
            LossKind.CategoricalCrossEntropy or LossKind.SparseCategoricalCrossEntropy => CrossEntropy(source, labels, gradient, batch),
            LossKind.BinaryCrossEntropy => Binary(source, labels, gradient, batch),
            _ => Squared(source, labels, gradient, batch),
        };
    }

    private TrainingStepResult CrossEntropy(Tensor logits, Tensor labels, Span<float> gradient, int batch)
    {
        int classes = logits.Shape[^1], rows = logits.Length / Math.Max(classes, 1);
        bool sparse = _kind == LossKind.SparseCategoricalCrossEntropy;
        if (sparse ? labels.Length != rows : labels.Length != logits.Length)
            throw new DataFormatException(sparse
                ? $"Sparse categorical labels: expected {rows} class indices for logits {Tensor.Format(logits.Shape)}, got labels {Tensor.Format(labels.Shape)}."
                : $"Categorical labels: expected shape {Tensor.Format(logits.Shape)} (one row per example), got {Tensor.Format(labels.Shape)}.");
        ReadOnlySpan<float> z = logits.Span, t = labels.Span;
        double loss = 0;
        int correct = 0;
        float scale = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            var zr = z.Slice(r * classes, classes);
            var gr = gradient.Slice(r * classes, classes);
            int best = ArgMax(zr);
            float max = zr[best];
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.Exp(zr[c] - max);
            double logSum = max + Math.Log(sum);
            if (sparse)
            {
                float label = t[r];
                int target = (int)label;
                if (target != label || target < 0 || target >= classes)
                    throw new DataFormatException($"Sparse categorical label {label} of row {r} is not a class index in 0…{classes - 1}.");
                loss += logSum - zr[target];
                for (int c = 0; c < classes; c++) gr[c] = (float)Math.Exp(zr[c] - logSum) * scale;
                gr[target] -= scale;
                if (best == target) correct++;
            }
            else
            {
                var tr = t.Slice(r * classes, classes);
                double total = 0;
                for (int c = 0; c < classes; c++)
                {
                    total += tr[c];
                    loss -= tr[c] * (zr[c] - logSum);
                }
                for (int c = 0; c < classes; c++) gr[c] = (float)(Math.Exp(zr[c] - logSum) * total - tr[c]) * scale;
                if (best == ArgMax(tr)) correct++;
            }
        }
        return new TrainingStepResult((float)(loss / rows), (float)correct / rows, batch);
    }

    private static TrainingStepResult Binary(Tensor logits, Tensor labels, Span<float> gradient, int batch)
    {
        CheckSameShape("Binary cross-entropy", logits, labels);
        ReadOnlySpan<float> z = logits.Span, t = labels.Span;
        double loss = 0;
        int correct = 0;
        float scale = 1f / Math.Max(z.Length, 1);
        for (int i = 0; i < z.Length; i++)
        {
            double x = z[i];
            loss += Math.Max(x, 0) - x * t[i] + Math.Log(1 + Math.Exp(-Math.Abs(x)));
            gradient[i] = (float)(1 / (1 + Math.Exp(-x)) - t[i]) * scale;
            if (x > 0 == t[i] > 0.5f) correct++;
        }
        return new TrainingStepResult((float)(loss / Math.Max(z.Length, 1)), (float)correct / Math.Max(z.Length, 1), batch);
    }

    private static TrainingStepResult Squared(Tensor output, Tensor labels, Span<float> gradient, int batch)
    {
        CheckSameShape("Mean squared error", output, labels);
        ReadOnlySpan<float> y = output.Span, t = labels.Span;
        double loss = 0;
        float scale = 2f / Math.Max(y.Length, 1);
        for (int i = 0; i < y.Length; i++)
        {
            double d = (double)y[i] - t[i];
            loss += d * d;
            gradient[i] = (float)d * scale;
        }
        return new TrainingStepResult((float)(loss / Math.Max(y.Length, 1)), null, batch);
    }

    private static void CheckSameShape(string loss, Tensor output, Tensor labels)
    {
        if (labels.Length != output.Length)
            throw new DataFormatException($"{loss}: labels {Tensor.Format(labels.Shape)} do not match the output {Tensor.Format(output.Shape)}.");
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
