namespace DeepLearningPipelines.Nn.Graph;

/// <summary>
/// Load-time rewrites that keep the graph's outputs unchanged: drop Dropout/Identity, fold an inference
/// BatchNormalization into the Conv before it, fold a residual Add of two equally shaped values into the Conv
/// producing one of them, and fuse Relu/Clip into the Conv before it (bias, residual and activation are applied
/// in the GEMM epilogue), and fold a spatial zero Pad into the Conv after it (or into a MaxPool whose input cannot be
/// negative, where zero and the pool's own padding never differ). Values named in <c>preserve</c> (requested feature layers) and graph outputs are never removed.
/// </summary>
public static class GraphOptimizer
{
    /// <summary>Rewrites <paramref name="graph"/> in place.</summary>
    public static void Optimize(ModelGraph graph, IReadOnlySet<string>? preserve = null)
    {
        preserve ??= new HashSet<string>();
        RemovePassThrough(graph, preserve);
        FoldBatchNorm(graph, preserve);
        FuseResidualAdds(graph, preserve);
        FuseActivations(graph, preserve);
        FoldZeroPads(graph, preserve);
        RemoveUnusedInitializers(graph);
    }

    private static bool IsKept(ModelGraph graph, IReadOnlySet<string> preserve, string value) => graph.IsOutput(value) || preserve.Contains(value);

    private static void RemovePassThrough(ModelGraph graph, IReadOnlySet<string> preserve)
    {
        foreach (var node in graph.Nodes.Where(n => n.Op is OpKind.Dropout or OpKind.Identity).ToList())
        {
            string input = node.Inputs[0], output = node.Outputs[0];
            if (!IsKept(graph, preserve, output))
            {
                Rename(graph, output, input);
            }
            else
            {
                var producer = graph.Producer(input);
                if (producer is null || IsKept(graph, preserve, input) || graph.Initializers.ContainsKey(input)) continue;
                graph.Nodes.Remove(node);
                Rename(graph, input, output);
                continue;
            }
            graph.Nodes.Remove(node);
        }
    }

    private static void FoldBatchNorm(ModelGraph graph, IReadOnlySet<string> preserve)
    {
        foreach (var bn in graph.Nodes.Where(n => n.Op == OpKind.BatchNormalization).ToList())
        {
            var conv = graph.Producer(bn.Inputs[0]);
            if (conv is null || conv.Op != OpKind.Conv || IsFused(conv) || conv.Input(3).Length > 0) continue;
            if (IsKept(graph, preserve, conv.Outputs[0]) || graph.Consumers(conv.Outputs[0]).Count() != 1) continue;
            if (!graph.Initializers.TryGetValue(conv.Inputs[1], out var w)) continue;
            Tensor? b = conv.Input(2).Length > 0 ? graph.Initializers.GetValueOrDefault(conv.Input(2)) : null;
            if (conv.Input(2).Length > 0 && b is null) continue;
            var parameters = bn.Inputs.Skip(1).Select(n => graph.Initializers.GetValueOrDefault(n)).ToArray();
            if (parameters.Any(p => p is null)) continue;
            float[] scale = parameters[0]!.ToArray(), shift = parameters[1]!.ToArray(), mean = parameters[2]!.ToArray(), variance = parameters[3]!.ToArray();
            float epsilon = bn.Attributes.GetFloat("epsilon", 1e-5f);

            int outChannels = w.Shape[0], perChannel = w.Length / outChannels;
            float[] newW = w.ToArray(), newB = new float[outChannels];
            for (int c = 0; c < outChannels; c++)
            {
                double factor = scale[c] / Math.Sqrt(variance[c] + (double)epsilon);
                for (int i = 0; i < perChannel; i++) newW[c * perChannel + i] = (float)(newW[c * perChannel + i] * factor);
                newB[c] = (float)(((b?.Span[c] ?? 0f) - mean[c]) * factor + shift[c]);
            }
            string wName = Unique(graph, conv.Name + "_bn_folded_W"), bName = Unique(graph, conv.Name + "_bn_folded_B");
            graph.Initializers[wName] = new Tensor(newW, w.Shape);
            graph.Initializers[bName] = new Tensor(newB, outChannels);
            conv.Inputs[1] = wName;
            while (conv.Inputs.Count < 3) conv.Inputs.Add("");
            conv.Inputs[2] = bName;
            conv.Outputs[0] = bn.Outputs[0];
            graph.Nodes.Remove(bn);
        }
    }

    private static void FuseResidualAdds(ModelGraph graph, IReadOnlySet<string> preserve)
    {
        var shapes = ShapeInference.InferWithUnitBatch(graph, GraphSorter.Sort(graph));
        foreach (var add in graph.Nodes.Where(n => n.Op == OpKind.Add).ToList())
        {
            for (int side = 0; side < 2; side++)
            {
                string convOut = add.Inputs[side], residual = add.Inputs[1 - side];
                var conv = graph.Producer(convOut);
                if (conv is null || conv.Op != OpKind.Conv || conv.Input(3).Length > 0 || IsFused(conv)) continue;
                if (IsKept(graph, preserve, convOut) || graph.Consumers(convOut).Count() != 1 || convOut == residual) continue;
                if (graph.Initializers.ContainsKey(residual) || !shapes[convOut].AsSpan().SequenceEqual(shapes[residual])) continue;
                while (conv.Inputs.Count < 3) conv.Inputs.Add("");
                conv.Inputs.Add(residual);
                conv.Outputs[0] = add.Outputs[0];
                graph.Nodes.Remove(add);
                break;
            }
        }
    }

    private static bool IsFused(Node conv) => conv.Attributes.Contains("activation_min") || conv.Attributes.Contains("activation_max");

    private static void FuseActivations(ModelGraph graph, IReadOnlySet<string> preserve)
    {
        foreach (var act in graph.Nodes.Where(n => n.Op is OpKind.Relu or OpKind.Clip).ToList())
        {
            var conv = graph.Producer(act.Inputs[0]);
            if (conv is null || conv.Op != OpKind.Conv || IsFused(conv)) continue;
            if (IsKept(graph, preserve, conv.Outputs[0]) || graph.Consumers(conv.Outputs[0]).Count() != 1) continue;
            float min = act.Op == OpKind.Relu ? 0f : act.Attributes.GetFloat("min", float.NegativeInfinity);
            float max = act.Op == OpKind.Relu ? float.PositiveInfinity : act.Attributes.GetFloat("max", float.PositiveInfinity);
            conv.Attributes.Set("activation_min", min).Set("activation_max", max);
            conv.Outputs[0] = act.Outputs[0];
            graph.Nodes.Remove(act);
        }
    }

    private static void FoldZeroPads(ModelGraph graph, IReadOnlySet<string> preserve)
    {
        foreach (var pad in graph.Nodes.Where(n => n.Op == OpKind.Pad).ToList())
        {
            int[]? pads = pad.Attributes.GetInts("pads");
            if (pads is not { Length: 8 } || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || pads.Any(v => v < 0)) continue;
            if (pad.Attributes.GetFloat("value", 0f) != 0f || IsKept(graph, preserve, pad.Outputs[0])) continue;
            var consumers = graph.Consumers(pad.Outputs[0]).ToList();
            if (consumers.Count != 1 || consumers[0].Inputs[0] != pad.Outputs[0]) continue;
            var window = consumers[0];
            bool foldable = window.Op == OpKind.Conv || (window.Op == OpKind.MaxPool && IsNonNegative(graph, pad.Inputs[0]));
            string autoPad = window.Attributes.GetString("auto_pad", "NOTSET");
            if (!foldable || autoPad is not ("NOTSET" or "VALID")) continue;
            int[] own = autoPad == "VALID" ? [0, 0, 0, 0] : window.Attributes.GetInts("pads") ?? [0, 0, 0, 0];
            if (own.Length != 4) continue;
            int[] merged = [own[0] + pads[2], own[1] + pads[3], own[2] + pads[6], own[3] + pads[7]];
            if (window.Op == OpKind.MaxPool && !EveryWindowSeesTheImage(window, merged)) continue;
            window.Attributes.Remove("auto_pad");
            window.Attributes.Set("pads", merged);
            window.Inputs[0] = pad.Inputs[0];
            graph.Nodes.Remove(pad);
        }
    }

    /// <summary>Whether every window of a pool with <paramref name="pads"/> covers at least one input pixel (no ceil mode, pads smaller than the window).</summary>
    private static bool EveryWindowSeesTheImage(Node pool, int[] pads)
    {
        int[]? kernel = pool.Attributes.GetInts("kernel_shape");
        return pool.Attributes.GetInt("ceil_mode", 0) == 0 && kernel is { Length: 2 }
            && pads[0] < kernel[0] && pads[2] < kernel[0] && pads[1] < kernel[1] && pads[3] < kernel[1];
    }

    /// <summary>Whether <paramref name="value"/> is produced by a ReLU (or a clamp whose lower bound is not negative), fused into a Conv or not.</summary>
    private static bool IsNonNegative(ModelGraph graph, string value)
    {
        var producer = graph.Producer(value);
        return producer?.Op switch
        {
            OpKind.Relu => true,
            OpKind.Conv => producer.Attributes.GetFloat("activation_min", float.NegativeInfinity) >= 0f,
            OpKind.Clip => producer.Attributes.GetFloat("min", float.NegativeInfinity) >= 0f,
            _ => false,
        };
    }

    private static void RemoveUnusedInitializers(ModelGraph graph)
    {
        var used = graph.Nodes.SelectMany(n => n.Inputs).Concat(graph.Outputs.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var name in graph.Initializers.Keys.Where(k => !used.Contains(k)).ToList()) graph.Initializers.Remove(name);
    }

    /// <summary>Replaces every reference to value <paramref name="from"/> (node inputs and outputs) by <paramref name="to"/>.</summary>
    private static void Rename(ModelGraph graph, string from, string to)
    {
        foreach (var node in graph.Nodes)
        {
            for (int i = 0; i < node.Inputs.Count; i++) if (node.Inputs[i] == from) node.Inputs[i] = to;
            for (int i = 0; i < node.Outputs.Count; i++) if (node.Outputs[i] == from) node.Outputs[i] = to;
        }
    }

    private static string Unique(ModelGraph graph, string name)
    {
        string candidate = name;
        for (int i = 1; graph.Initializers.ContainsKey(candidate) || graph.Producer(candidate) is not null; i++) candidate = $"{name}_{i}";
        return candidate;
    }
}
