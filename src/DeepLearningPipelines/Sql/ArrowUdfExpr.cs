using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Sql;

/// <summary>A batch-wise function: receives each batch's argument columns as Arrow arrays and returns one array of the same length.</summary>
internal sealed class ArrowUdfExpr(string name, Func<IReadOnlyList<IArrowArray>, IArrowArray> function, DataType returnType, Expr[] args) : Expr
{
    public override string Name => $"{name}({string.Join(", ", args.Select(a => a.Name))})";
    public override IEnumerable<Expr> Children => args;

    public override DataType ResolveType(StructType schema)
    {
        foreach (var a in args) a.ResolveType(schema);
        return returnType;
    }

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        ResolveType(schema);
        var evals = args.Select(a => a.Bind(schema)).ToArray();
        var expected = ArrowTypes.ToArrow(returnType).TypeId;
        return b =>
        {
            var result = function(evals.Select(e => e(b)).ToArray());
            if (result.Length != b.RowCount)
                throw new DlpException($"Batch function '{name}' returned {result.Length} values for a batch of {b.RowCount} rows.");
            if (result.Data.DataType.TypeId != expected)
                throw new DlpException($"Batch function '{name}' was registered as returning {returnType.SimpleString} (Arrow {expected}) but returned an Arrow {result.Data.DataType.TypeId} array.");
            return result;
        };
    }
}
