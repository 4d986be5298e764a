using DeepLearningPipelines.Nn;
using DeepLearningPipelines.Nn.Graph;

namespace DeepLearningPipelines.Tests.Nn.Training;

/// <summary>Builds small test graphs node by node; each node's output value is named after the node.</summary>
internal sealed class GraphBuilder
{
    public ModelGraph Graph { get; } = new();

    public GraphBuilder Input(string name, params int[] shape)
    {
        Graph.Inputs.Add(new ValueInfo(name, shape));
        return this;
    }

    public string Weight(string name, float[] values, params int[] shape)
    {
        Graph.Initializers[name] = new Tensor((float[])values.Clone(), shape);
        return name;
    }

    public string Node(string name, OpKind op, string[] inputs, NodeAttributes? attributes = null)
    {
        Graph.Nodes.Add(new Node(name, op, inputs, [name], attributes));
        return name;
    }

    public ModelGraph Output(string value, params int[] shape)
    {
        Graph.Outputs.Add(new ValueInfo(value, shape));
        return Graph;
    }
}
