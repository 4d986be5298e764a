using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>A user function applied to whole column batches at once (for vectorised or batched model inference).</summary>
internal sealed class BatchUdfExpr(string name, Func<object?[][], object?[]> function, DataType returnType, Expr[] args) : Expr
{
    public override string Name => $"{name}({string.Join(", ", args.Select(a => a.Name))})";
    public override IEnumerable<Expr> Children => args;

    public override DataType ResolveType(StructType schema)
    {
        foreach (var a in args) a.ResolveType(schema);
        return returnType;
    }

    /// <summary>A batch UDF that applies <paramref name="function"/> to each row's argument values.</summary>
    public static BatchUdfExpr PerRow(string name, Func<object?[], object?> function, DataType returnType, Expr[] args) =>
        new(name, columns =>
        {
            int rows = columns.Length == 0 ? 0 : columns[0].Length;
            var result = new object?[rows];
            var argv = new object?[columns.Length];
            for (int i = 0; i < rows; i++)
            {
                for (int k = 0; k < argv.Length; k++) argv[k] = columns[k][i];
                result[i] = function(argv);
            }
            return result;
        }, returnType, args);

    /// <summary>The generic row-edge adapter: argument arrays are boxed per row, results are built into an Arrow array.</summary>
    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        var evals = args.Select(a => a.BindBoxed(schema)).ToArray();
        return b =>
        {
            var res = function(evals.Select(e => e(b)).ToArray());
            if (res.Length != b.RowCount)
                throw new DlpException($"Batch function '{name}' returned {res.Length} values for a batch of {b.RowCount} rows.");
            return ColumnBuilder.Build(returnType, Name, res);
        };
    }
}
