using DeepLearningPipelines.Nn.Graph;
using DeepLearningPipelines.Nn.Training;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>
/// A naive double-precision interpreter of the graph IR (training mode: BatchNormalization on batch statistics unless
/// listed as frozen) and of the losses, written independently of the runtime's kernels, for finite differences.
/// Shapes come from <see cref="ShapeInference"/>.
/// </summary>
internal sealed class ReferenceGraph(ModelGraph graph, IReadOnlyDictionary<string, (double[] Data, int[] Shape)> inputs, ISet<string>? inferenceBatchNorms = null)
{
    private readonly List<Node> _order = GraphSorter.Sort(graph);
    private readonly Dictionary<string, int[]> _shapes = ShapeInference.Infer(graph, GraphSorter.Sort(graph), inputs.ToDictionary(i => i.Key, i => i.Value.Shape));

    /// <summary>Weights (as doubles) by name; finite differences perturb these.</summary>
    public Dictionary<string, double[]> Weights { get; } = graph.Initializers.ToDictionary(i => i.Key, i => i.Value.ToArray().Select(v => (double)v).ToArray());

    /// <summary>The loss of the graph's first output against <paramref name="labels"/>, as <see cref="LossKind"/> defines it.</summary>
    public double Loss(LossKind kind, double[] labels)
    {
        var values = Run();
        string output = graph.Outputs[0].Name;
        double[] y = values[output];
        int[] shape = _shapes[output];
        var producer = graph.Producer(output);
        switch (kind)
        {
            case LossKind.MeanSquaredError:
                return y.Select((v, i) => (v - labels[i]) * (v - labels[i])).Sum() / y.Length;
            case LossKind.BinaryCrossEntropy:
            {
                double[] p = producer?.Op == OpKind.Sigmoid ? y : y.Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
                return -p.Select((v, i) => labels[i] * Math.Log(v) + (1 - labels[i]) * Math.Log(1 - v)).Sum() / p.Length;
            }
            default:
            {
                int classes = shape[^1], rows = y.Length / classes;
                double total = 0;
                for (int r = 0; r < rows; r++)
                {
                    double[] row = y.Skip(r * classes).Take(classes).ToArray();
                    double[] p = producer?.Op == OpKind.Softmax ? row : SoftmaxRow(row);
                    if (kind == LossKind.SparseCategoricalCrossEntropy) total -= Math.Log(p[(int)labels[r]]);
                    else for (int c = 0; c < classes; c++) total -= labels[r * classes + c] * Math.Log(p[c]);
                }
                return total / rows;
            }
        }
    }

    private static double[] SoftmaxRow(double[] z)
    {
        double max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }

    public Dictionary<string, double[]> Run()
    {
        var values = new Dictionary<string, double[]>(Weights);
        foreach (var (name, input) in inputs) values[name] = input.Data;
        foreach (var node in _order)
        {
            double[][] x = node.Inputs.Select(i => i.Length == 0 ? null! : values[i]).ToArray();
            int[][] s = node.Inputs.Select(i => i.Length == 0 ? [] : _shapes[i]).ToArray();
            values[node.Outputs[0]] = Evaluate(node, x, s, _shapes[node.Outputs[0]]);
        }
        return values;
    }

    private double[] Evaluate(Node node, double[][] x, int[][] s, int[] outShape)
    {
        var a = node.Attributes;
        int outLength = outShape.Aggregate(1, (p, d) => p * d);
        switch (node.Op)
        {
            case OpKind.Conv: return Conv(node, x, s, outShape);
            case OpKind.Gemm:
            {
                bool ta = a.GetInt("transA", 0) != 0, tb = a.GetInt("transB", 0) != 0;
                float alpha = a.GetFloat("alpha", 1f), beta = a.GetFloat("beta", 1f);
                int m = outShape[0], n = outShape[1], k = ta ? s[0][0] : s[0][1];
                var y = new double[m * n];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double sum = 0;
                        for (int p = 0; p < k; p++) sum += (ta ? x[0][p * m + i] : x[0][i * k + p]) * (tb ? x[1][j * k + p] : x[1][p * n + j]);
                        y[i * n + j] = alpha * sum;
                    }
                if (x.Length > 2 && x[2] is not null) y = Elementwise(y, outShape, x[2].Select(v => beta * v).ToArray(), s[2], outShape, (p, q) => p + q);
                return y;
            }
            case OpKind.MatMul:
            {
                int k = s[0][^1], n = s[1][1], m = x[0].Length / k;
                var y = new double[m * n];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                        for (int p = 0; p < k; p++) y[i * n + j] += x[0][i * k + p] * x[1][p * n + j];
                return y;
            }
            case OpKind.BatchNormalization:
            {
                int batch = s[0][0], channels = s[0][1], inner = x[0].Length / (batch * channels);
                double eps = a.GetFloat("epsilon", 1e-5f);
                var y = new double[x[0].Length];
                for (int c = 0; c < channels; c++)
                {
                    var items = Enumerable.Range(0, batch).SelectMany(n => Enumerable.Range((n * channels + c) * inner, inner)).ToArray();
                    double mean, variance;
                    if (inferenceBatchNorms?.Contains(node.Name) == true) (mean, variance) = (x[3][c], x[4][c]);
                    else
                    {
                        mean = items.Average(i => x[0][i]);
                        variance = items.Average(i => (x[0][i] - mean) * (x[0][i] - mean));
                    }
                    foreach (int i in items) y[i] = (x[0][i] - mean) / Math.Sqrt(variance + eps) * x[1][c] + x[2][c];
                }
                return y;
            }
            case OpKind.Relu: return x[0].Select(v => Math.Max(v, 0)).ToArray();
            case OpKind.Clip: return x[0].Select(v => Math.Clamp(v, a.GetFloat("min", float.NegativeInfinity), a.GetFloat("max", float.PositiveInfinity))).ToArray();
            case OpKind.Sigmoid: return x[0].Select(v => 1 / (1 + Math.Exp(-v))).ToArray();
            case OpKind.Tanh: return x[0].Select(Math.Tanh).ToArray();
            case OpKind.HardSwish: return x[0].Select(v => v * Math.Clamp(v + 3, 0, 6) / 6).ToArray();
            case OpKind.Silu: return x[0].Select(v => v / (1 + Math.Exp(-v))).ToArray();
            case OpKind.Softmax:
            {
                int classes = outShape[^1];
                return Enumerable.Range(0, x[0].Length / classes).SelectMany(r => SoftmaxRow(x[0].Skip(r * classes).Take(classes).ToArray())).ToArray();
            }
            case OpKind.Add: return Elementwise(x[0], s[0], x[1], s[1], outShape, (p, q) => p + q);
            case OpKind.Sub: return Elementwise(x[0], s[0], x[1], s[1], outShape, (p, q) => p - q);
            case OpKind.Mul: return Elementwise(x[0], s[0], x[1], s[1], outShape, (p, q) => p * q);
            case OpKind.Div: return Elementwise(x[0], s[0], x[1], s[1], outShape, (p, q) => p / q);
            case OpKind.MaxPool:
            case OpKind.AveragePool: return Pool(node, x[0], s[0], outShape);
            case OpKind.GlobalAveragePool:
            {
                int plane = x[0].Length / outLength;
                return Enumerable.Range(0, outLength).Select(p => x[0].Skip(p * plane).Take(plane).Average()).ToArray();
            }
            case OpKind.Concat:
            {
                int axis = a.GetInt("axis", 1), outer = outShape.Take(axis).Aggregate(1, (p, d) => p * d);
                var y = new List<double>();
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < x.Length; i++)
                    {
                        int block = x[i].Length / outer;
                        y.AddRange(x[i].Skip(o * block).Take(block));
                    }
                return [.. y];
            }
            case OpKind.Transpose:
            {
                int[] perm = a.GetInts("perm")!;
                var y = new double[outLength];
                for (int i = 0; i < outLength; i++)
                {
                    int[] outIndex = Unravel(i, outShape), inIndex = new int[perm.Length];
                    for (int d = 0; d < perm.Length; d++) inIndex[perm[d]] = outIndex[d];
                    y[i] = x[0][Ravel(inIndex, s[0])];
                }
                return y;
            }
            case OpKind.Slice:
            {
                int[] starts = a.GetInts("starts")!, axes = a.GetInts("axes")!;
                var y = new double[outLength];
                for (int i = 0; i < outLength; i++)
                {
                    int[] index = Unravel(i, outShape);
                    for (int j = 0; j < axes.Length; j++) index[axes[j]] += starts[j];
                    y[i] = x[0][Ravel(index, s[0])];
                }
                return y;
            }
            case OpKind.Pad:
            {
                int[] pads = a.GetInts("pads")!;
                int rank = s[0].Length;
                var y = new double[outLength];
                for (int i = 0; i < outLength; i++)
                {
                    int[] index = Unravel(i, outShape);
                    bool inside = true;
                    for (int d = 0; d < rank; d++) inside &= (uint)(index[d] -= pads[d]) < (uint)s[0][d];
                    y[i] = inside ? x[0][Ravel(index, s[0])] : a.GetFloat("value", 0f);
                }
                return y;
            }
            case OpKind.Flatten or OpKind.Reshape or OpKind.Squeeze or OpKind.Unsqueeze or OpKind.Identity or OpKind.Dropout:
                return (double[])x[0].Clone();
            default: throw new NotSupportedException(node.Op.ToString());
        }
    }

    private static double[] Conv(Node node, double[][] x, int[][] s, int[] o)
    {
        var a = node.Attributes;
        int group = a.GetInt("group", 1);
        int[] strides = a.GetInts("strides") ?? [1, 1], dil = a.GetInts("dilations") ?? [1, 1], pads = a.GetInts("pads") ?? [0, 0, 0, 0];
        int n = s[0][0], c = s[0][1], h = s[0][2], w = s[0][3], m = s[1][0], kh = s[1][2], kw = s[1][3], cg = c / group, mg = m / group;
        var y = new double[n * m * o[2] * o[3]];
        for (int b = 0; b < n; b++)
            for (int oc = 0; oc < m; oc++)
                for (int oy = 0; oy < o[2]; oy++)
                    for (int ox = 0; ox < o[3]; ox++)
                    {
                        double sum = x.Length > 2 && x[2] is not null ? x[2][oc] : 0;
                        for (int ic = 0; ic < cg; ic++)
                            for (int ky = 0; ky < kh; ky++)
                                for (int kx = 0; kx < kw; kx++)
                                {
                                    int iy = oy * strides[0] + ky * dil[0] - pads[0], ix = ox * strides[1] + kx * dil[1] - pads[1];
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    int channel = oc / mg * cg + ic;
                                    sum += x[0][((b * c + channel) * h + iy) * w + ix] * x[1][((oc * cg + ic) * kh + ky) * kw + kx];
                                }
                        y[((b * m + oc) * o[2] + oy) * o[3] + ox] = sum;
                    }
        return y;
    }

    private static double[] Pool(Node node, double[] x, int[] s, int[] o)
    {
        var a = node.Attributes;
        bool max = node.Op == OpKind.MaxPool, includePad = a.GetInt("count_include_pad", 0) != 0;
        int[] k = a.GetInts("kernel_shape")!, strides = a.GetInts("strides") ?? [1, 1], pads = a.GetInts("pads") ?? [0, 0, 0, 0];
        int planes = s[0] * s[1], h = s[2], w = s[3];
        var y = new double[planes * o[2] * o[3]];
        for (int p = 0; p < planes; p++)
            for (int oy = 0; oy < o[2]; oy++)
                for (int ox = 0; ox < o[3]; ox++)
                {
                    double acc = max ? double.NegativeInfinity : 0;
                    int count = 0;
                    for (int ky = 0; ky < k[0]; ky++)
                        for (int kx = 0; kx < k[1]; kx++)
                        {
                            int iy = oy * strides[0] + ky - pads[0], ix = ox * strides[1] + kx - pads[1];
                            bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            if (includePad && iy < h + pads[2] && ix < w + pads[3]) count++;
                            if (!inside) continue;
                            if (!includePad) count++;
                            double v = x[(p * h + iy) * w + ix];
                            acc = max ? Math.Max(acc, v) : acc + v;
                        }
                    y[(p * o[2] + oy) * o[3] + ox] = max ? acc : acc / count;
                }
        return y;
    }

    private static double[] Elementwise(double[] x, int[] xs, double[] z, int[] zs, int[] o, Func<double, double, double> f)
    {
        int length = o.Aggregate(1, (p, d) => p * d);
        var y = new double[length];
        for (int i = 0; i < length; i++)
        {
            int[] index = Unravel(i, o);
            y[i] = f(x[Broadcast(index, xs)], z[Broadcast(index, zs)]);
        }
        return y;
    }

    private static int Broadcast(int[] index, int[] shape)
    {
        int offset = index.Length - shape.Length, at = 0;
        for (int d = 0; d < shape.Length; d++) at = at * shape[d] + (shape[d] == 1 ? 0 : index[d + offset]);
        return at;
    }

    private static int[] Unravel(int i, int[] shape)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { index[d] = i % shape[d]; i /= shape[d]; }
        return index;
    }

    private static int Ravel(int[] index, int[] shape)
    {
        int at = 0;
        for (int d = 0; d < shape.Length; d++) at = at * shape[d] + index[d];
        return at;
    }
}
