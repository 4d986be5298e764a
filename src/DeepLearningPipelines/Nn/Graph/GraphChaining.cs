using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Nn.Graph;

/// <summary>Joins two graphs end to end, e.g. a preprocessing graph in front of a network.</summary>
public static class GraphChaining
{
    /// <summary>
    /// A graph that feeds <paramref name="front"/>'s single output into <paramref name="back"/>'s single input: it has
    /// <paramref name="front"/>'s input and <paramref name="back"/>'s outputs. Value and node names of the two must not
    /// collide (except the joined pair); the shapes at the joint must agree. Neither graph is modified.
    /// </summary>
    public static ModelGraph Chain(ModelGraph front, ModelGraph back)
    {
        if (front.Outputs.Count != 1 || back.Inputs.Count != 1)
            throw new ModelFormatException($"Chaining '{front.Name}' into '{back.Name}' needs one output in front and one input behind; they have {front.Outputs.Count} and {back.Inputs.Count}.");
        ValueInfo joint = front.Outputs[0], entry = back.Inputs[0];
        if (!entry.Accepts(joint.Shape) && !joint.Accepts(entry.Shape))
            throw new ModelFormatException($"Cannot chain '{front.Name}' into '{back.Name}': output '{joint.Name}' {joint.ShapeText} does not fit input '{entry.Name}' {entry.ShapeText}.");

        var frontValues = ValueNames(front);
        var clash = ValueNames(back).Where(v => v != entry.Name && frontValues.Contains(v)).FirstOrDefault()
            ?? back.Nodes.Select(n => n.Name).FirstOrDefault(n => front.Nodes.Any(f => f.Name == n));
        if (clash is not null)
            throw new ModelFormatException($"Cannot chain '{front.Name}' into '{back.Name}': both use the name '{clash}'.");

        var chained = new ModelGraph { Name = $"{front.Name}+{back.Name}" };
        chained.Inputs.AddRange(front.Inputs);
        chained.Outputs.AddRange(back.Outputs.Select(o => o.Name == entry.Name ? o with { Name = joint.Name } : o));
        var a = front.Clone();
        var b = back.Clone();
        foreach (var node in b.Nodes)
            for (int i = 0; i < node.Inputs.Count; i++)
                if (node.Inputs[i] == entry.Name) node.Inputs[i] = joint.Name;
        chained.Nodes.AddRange(a.Nodes);
        chained.Nodes.AddRange(b.Nodes);
        foreach (var (name, tensor) in a.Initializers.Concat(b.Initializers)) chained.Initializers[name] = tensor;
        return chained;
    }

    private static HashSet<string> ValueNames(ModelGraph g) =>
        g.Inputs.Select(i => i.Name).Concat(g.Outputs.Select(o => o.Name)).Concat(g.Initializers.Keys)
            .Concat(g.Nodes.SelectMany(n => n.Inputs.Concat(n.Outputs))).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
}
