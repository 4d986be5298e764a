using DeepLearningPipelines.Core;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>Computes the shape of every value of a graph from concrete input shapes; errors name the node and the shapes involved.</summary>
public static class ShapeInference
{
    /// <summary>
    /// Shapes of all values (inputs, initializers, node outputs) given the shapes of the graph inputs.
    /// <paramref name="order"/> must be topological (see <see cref="GraphSorter.Sort"/>).
    /// </summary>
    public static Dictionary<string, int[]> Infer(ModelGraph graph, IReadOnlyList<Node> order, IReadOnlyDictionary<string, int[]> inputShapes)
    {
        var shapes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var input in graph.Inputs)
        {
            if (!inputShapes.TryGetValue(input.Name, out var shape))
                throw new ModelFormatException($"No shape given for graph input '{input.Name}'.");
            if (!input.Accepts(shape))
                throw new ModelFormatException($"Input '{input.Name}': expected {input.ShapeText}, got {Tensor.Format(shape)}.");
            shapes[input.Name] = shape;
        }
        foreach (var (name, tensor) in graph.Initializers) shapes[name] = tensor.Shape;
        foreach (var node in order)
        {
            CheckArity(node);
            int[][] inputs = node.Inputs.Select(i => i.Length == 0 ? [] : shapes[i]).ToArray();
            int[] output;
            try
            {
                output = InferNode(node, inputs);
            }
            catch (ModelFormatException ex) when (!ex.Message.StartsWith("node '", StringComparison.Ordinal))
            {
                throw new ModelFormatException($"{node}: {ex.Message} Input shapes: {string.Join(", ", inputs.Select(s => Tensor.Format(s)))}.", ex);
            }
            shapes[node.Outputs[0]] = output;
        }
        return shapes;
    }

    /// <summary>Shapes inferred with every dynamic input dimension set to 1 (load-time validation).</summary>
    public static Dictionary<string, int[]> InferWithUnitBatch(ModelGraph graph, IReadOnlyList<Node> order) =>
        Infer(graph, order, graph.Inputs.ToDictionary(i => i.Name, i => i.Shape.Select(d => d < 0 ? 1 : d).ToArray()));

    /// <summary>Refuses a node with fewer (non-empty) inputs than its operator needs, or without an output.</summary>
    private static void CheckArity(Node node)
    {
        int required = node.Op switch
        {
            OpKind.BatchNormalization => 5,
            OpKind.Conv or OpKind.Gemm or OpKind.MatMul or OpKind.Add or OpKind.Sub or OpKind.Mul or OpKind.Div => 2,
            _ => 1,
        };
        if (node.Inputs.Count < required || node.Inputs.Take(required).Any(i => i.Length == 0))
            throw new ModelFormatException($"{node}: needs {required} input(s) but has {node.Inputs.Count(i => i.Length > 0)}.");
        if (node.Outputs.Count == 0 || node.Outputs[0].Length == 0) throw new ModelFormatException($"{node}: has no output.");
    }

    private static int[] InferNode(Node node, int[][] x)
    {
        var a = node.Attributes;
        switch (node.Op)
        {
            case OpKind.Conv:
            {
                var g = WindowGeometry.Conv(node, x[0], x[1]);
                if (x.Length > 2 && x[2].Length > 0 && (x[2].Length != 1 || x[2][0] != g.OutChannels))
                    throw Fail($"bias shape {Tensor.Format(x[2])} should be [{g.OutChannels}].");
                int[] output = [g.Batch, g.OutChannels, g.OutH, g.OutW];
                if (x.Length > 3 && x[3].Length > 0 && !x[3].AsSpan().SequenceEqual(output))
                    throw Fail($"residual shape {Tensor.Format(x[3])} should be the output shape {Tensor.Format(output)}.");
                return output;
            }
            case OpKind.MaxPool:
            case OpKind.AveragePool:
            {
                var g = WindowGeometry.Pool(node, x[0]);
                return [g.Batch, g.Channels, g.OutH, g.OutW];
            }
            case OpKind.GlobalAveragePool:
                if (x[0].Length < 3) throw Fail($"input {Tensor.Format(x[0])} has no spatial dimensions.");
                return [x[0][0], x[0][1], .. Enumerable.Repeat(1, x[0].Length - 2)];
            case OpKind.Gemm:
            {
                if (x[0].Length != 2 || x[1].Length != 2) throw Fail("Gemm needs 2-D inputs.");
                bool ta = a.GetInt("transA", 0) != 0, tb = a.GetInt("transB", 0) != 0;
                int m = ta ? x[0][1] : x[0][0], k = ta ? x[0][0] : x[0][1];
                int k2 = tb ? x[1][1] : x[1][0], n = tb ? x[1][0] : x[1][1];
                if (k != k2) throw Fail($"inner dimensions differ ({k} vs {k2}).");
                if (x.Length > 2 && x[2].Length > 0) Broadcast.Shape([m, n], x[2]);
                return [m, n];
            }
            case OpKind.MatMul:
            {
                int[] l = x[0], r = x[1];
                if (l.Length < 2 || r.Length != 2) throw Fail("MatMul supports an N-D left operand times a 2-D right operand.");
                if (l[^1] != r[0]) throw Fail($"inner dimensions differ ({l[^1]} vs {r[0]}).");
                return [.. l[..^1], r[1]];
            }
            case OpKind.BatchNormalization:
                for (int i = 1; i < 5; i++)
                    if (x[i].Length != 1 || x[i][0] != x[0][1]) throw Fail($"parameter {i} has shape {Tensor.Format(x[i])}, expected [{x[0][1]}].");
                return x[0];
            case OpKind.Relu: case OpKind.Clip: case OpKind.Sigmoid: case OpKind.Tanh: case OpKind.HardSwish: case OpKind.Silu:
            case OpKind.Dropout: case OpKind.Identity:
                return x[0];
            case OpKind.Softmax:
                Axis(a.GetInt("axis", -1), x[0].Length);
                return x[0];
            case OpKind.Add: case OpKind.Sub: case OpKind.Mul: case OpKind.Div:
                return Broadcast.Shape(x[0], x[1]);
            case OpKind.Concat:
            {
                int axis = Axis(a.GetInt("axis", 1), x[0].Length);
                var result = (int[])x[0].Clone();
                for (int i = 1; i < x.Length; i++)
                {
                    if (x[i].Length != result.Length) throw Fail("inputs have different ranks.");
                    for (int d = 0; d < result.Length; d++)
                        if (d != axis && x[i][d] != result[d]) throw Fail($"input {i} differs outside axis {axis}.");
                    result[axis] += x[i][axis];
                }
                return result;
            }
            case OpKind.Flatten:
            {
                int axis = Axis(a.GetInt("axis", 1), x[0].Length + 1);
                return [Product(x[0][..axis]), Product(x[0][axis..])];
            }
            case OpKind.Reshape:
                return Reshape(node, x[0], a.GetInts("shape") ?? throw Fail("shape is required."));
            case OpKind.Transpose:
            {
                int[] perm = a.GetInts("perm") ?? Enumerable.Range(0, x[0].Length).Reverse().ToArray();
                if (perm.Length != x[0].Length || perm.Order().Where((p, i) => p != i).Any())
                    throw Fail($"perm {Tensor.Format(perm)} is not a permutation of {x[0].Length} axes.");
                return perm.Select(p => x[0][p]).ToArray();
            }
            case OpKind.Squeeze:
            {
                int[]? axes = a.GetInts("axes")?.Select(ax => Axis(ax, x[0].Length)).ToArray();
                if (axes is not null && axes.Any(ax => x[0][ax] != 1)) throw Fail($"axes {Tensor.Format(axes)} are not all of size 1.");
                return x[0].Where((d, i) => axes is null ? d != 1 : !axes.Contains(i)).ToArray();
            }
            case OpKind.Unsqueeze:
            {
                int[] rawAxes = a.GetInts("axes") ?? throw Fail("axes are required.");
                int rank = x[0].Length + rawAxes.Length;
                var axes = rawAxes.Select(ax => Axis(ax, rank)).ToHashSet();
                if (axes.Count != rawAxes.Length) throw Fail($"axes {Tensor.Format(rawAxes)} repeat.");
                var result = new int[rank];
                for (int i = 0, j = 0; i < rank; i++) result[i] = axes.Contains(i) ? 1 : x[0][j++];
                return result;
            }
            case OpKind.Pad:
            {
                int[] pads = a.GetInts("pads") ?? throw Fail("pads are required.");
                if (pads.Length != 2 * x[0].Length) throw Fail($"{pads.Length} pads for rank {x[0].Length}.");
                var result = x[0].Select((d, i) => d + pads[i] + pads[i + x[0].Length]).ToArray();
                if (result.Any(d => d < 0)) throw Fail($"pads {Tensor.Format(pads)} crop below zero.");
                return result;
            }
            case OpKind.Slice:
                return SliceRange.Of(node, x[0]).OutputShape;
            default:
                throw Fail("unsupported operator.");
        }
    }

    private static int[] Reshape(Node node, int[] input, int[] target)
    {
        var result = new int[target.Length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            int d = target[i] == 0 ? (i < input.Length ? input[i] : throw Fail($"shape {Tensor.Format(target)} copies a missing dimension {i}.")) : target[i];
            if (d == -1)
            {
                if (inferred >= 0) throw Fail($"shape {Tensor.Format(target)} has more than one -1.");
                inferred = i;
                continue;
            }
            if (d < 0) throw Fail($"shape {Tensor.Format(target)} has a negative dimension.");
            result[i] = d;
            known *= d;
        }
        long total = Product(input);
        if (inferred >= 0)
        {
            if (known == 0 || total % known != 0) throw Fail($"cannot reshape {Tensor.Format(input)} to {Tensor.Format(target)}.");
            result[inferred] = (int)(total / known);
        }
        else if (known != total) throw Fail($"cannot reshape {Tensor.Format(input)} ({total} elements) to {Tensor.Format(target)}.");
        return result;
    }

    /// <summary>Normalises a possibly negative axis against <paramref name="rank"/>.</summary>
    internal static int Axis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw Fail($"axis {axis} is out of range for rank {rank}.");
        return a;
    }

    private static int Product(ReadOnlySpan<int> dims)
    {
        int p = 1;
        foreach (int d in dims) p *= d;
        return p;
    }

    private static ModelFormatException Fail(string message) => new(message);
}
