using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>A user function applied row by row to the values of its argument columns.</summary>
internal sealed class RowUdfExpr(string name, Func<object?[], object?> function, DataType returnType, Expr[] args) : Expr
{
    public override string Name => $"{name}({string.Join(", ", args.Select(a => a.Name))})";
    public override IEnumerable<Expr> Children => args;

    public override DataType ResolveType(StructType schema)
    {
        foreach (var a in args) a.ResolveType(schema);
        return returnType;
    }

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        var evals = args.Select(a => a.Bind(schema)).ToArray();
        return b =>
        {
            var inputs = evals.Select(e => e(b)).ToArray();
            var res = new object?[b.RowCount];
            var argv = new object?[inputs.Length];
            for (int i = 0; i < res.Length; i++)
            {
                for (int k = 0; k < argv.Length; k++) argv[k] = inputs[k][i];
                res[i] = function(argv);
            }
            return res;
        };
    }
}

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

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        var evals = args.Select(a => a.Bind(schema)).ToArray();
        return b =>
        {
            var res = function(evals.Select(e => e(b)).ToArray());
            if (res.Length != b.RowCount)
                throw new DlpException($"Batch function '{name}' returned {res.Length} values for a batch of {b.RowCount} rows.");
            return res;
        };
    }
}
