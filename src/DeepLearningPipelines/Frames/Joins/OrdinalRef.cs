using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>A reference to an input column by position, for inputs whose names may repeat (a join's output).</summary>
internal sealed class OrdinalRef(int index, string name) : Expr
{
    public override string Name => name;
    public override DataType ResolveType(StructType schema) => schema[index].DataType;
    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => b => b.Column(index);
}
