using Apache.Arrow;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// Every built-in row-wise function (<c>upper</c>, <c>round</c>, <c>coalesce</c>, <c>CASE WHEN</c>, …): a name, argument
/// expressions, a rule that checks the argument types and gives the result type, and a per-row kernel chosen for
/// those types. When <see cref="NullIntolerant"/>, a row with a null argument yields null without calling the kernel.
/// </summary>
internal sealed class ScalarFunctionExpr : Expr
{
    private readonly Func<DataType[], DataType> _resultType;
    private readonly Func<DataType[], Func<object?[], object?>> _kernel;
    private readonly string? _displayName;

    /// <param name="function">Spark's name of the function, used in the result column's name and in errors.</param>
    /// <param name="args">The argument expressions.</param>
    /// <param name="resultType">Checks the argument types (throwing <see cref="SchemaException"/>) and returns the result type.</param>
    /// <param name="kernel">Given the argument types, the function of one row's argument values.</param>
    /// <param name="nullIntolerant">True when any null argument makes the result null.</param>
    /// <param name="displayName">The result column's name when it is not <c>function(arg, …)</c>.</param>
    public ScalarFunctionExpr(string function, Expr[] args, Func<DataType[], DataType> resultType,
        Func<DataType[], Func<object?[], object?>> kernel, bool nullIntolerant = true, string? displayName = null)
    {
        Function = function;
        Args = args;
        _resultType = resultType;
        _kernel = kernel;
        NullIntolerant = nullIntolerant;
        _displayName = displayName;
    }

    /// <summary>A function whose kernel does not depend on the argument types.</summary>
    public ScalarFunctionExpr(string function, Expr[] args, Func<DataType[], DataType> resultType,
        Func<object?[], object?> kernel, bool nullIntolerant = true, string? displayName = null)
        : this(function, args, resultType, _ => kernel, nullIntolerant, displayName) { }

    public string Function { get; }
    public IReadOnlyList<Expr> Args { get; }
    public bool NullIntolerant { get; }

    public override string Name => _displayName ?? $"{Function}({string.Join(", ", Args.Select(a => a.Name))})";
    public override IEnumerable<Expr> Children => Args;

    public override DataType ResolveType(StructType schema) => _resultType(ArgTypes(schema));

    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        var types = ArgTypes(schema);
        var resultType = _resultType(types);
        var kernel = _kernel(types);
        var evals = Args.Select(a => a.BindBoxed(schema)).ToArray();
        bool nullIntolerant = NullIntolerant;
        return b =>
        {
            var columns = new object?[evals.Length][];
            for (int k = 0; k < columns.Length; k++) columns[k] = evals[k](b);
            var res = new object?[b.RowCount];
            var argv = new object?[columns.Length];
            for (int i = 0; i < res.Length; i++)
            {
                bool anyNull = false;
                for (int k = 0; k < argv.Length; k++)
                {
                    argv[k] = columns[k][i];
                    anyNull |= argv[k] is null;
                }
                if (!(anyNull && nullIntolerant)) res[i] = kernel(argv);
            }
            return ColumnBuilder.Build(resultType, Name, res);
        };
    }

    private DataType[] ArgTypes(StructType schema)
    {
        var types = new DataType[Args.Count];
        for (int k = 0; k < types.Length; k++) types[k] = Args[k].ResolveType(schema);
        return types;
    }
}
