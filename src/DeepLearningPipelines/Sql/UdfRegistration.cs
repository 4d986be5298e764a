using System.Collections.Concurrent;
using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Ml;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// A session's user-defined SQL functions, as Spark's <c>spark.udf</c>: C# functions row by row or batch by batch,
/// image classifiers, and fitted models over columns. Names are case-insensitive and shadow built-in functions.
/// </summary>
public sealed class UdfRegistration
{
    private readonly DlpSession _session;
    private readonly ConcurrentDictionary<string, SqlFunction> _functions = new(StringComparer.OrdinalIgnoreCase);

    internal UdfRegistration(DlpSession session) => _session = session;

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _functions.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Removes a function; false when there was none.</summary>
    public bool Drop(string name) => _functions.TryRemove(name, out _);

    /// <summary>A row-wise function of one argument; the SQL type is inferred from <typeparamref name="TResult"/>.</summary>
    public void Register<T1, TResult>(string name, Func<T1, TResult> function) =>
        RegisterRowWise<TResult>(name, 1, v => Missing<T1>(v[0]) ? null : function(Arg<T1>(v[0], name)));

    /// <summary>A row-wise function of two arguments.</summary>
    public void Register<T1, T2, TResult>(string name, Func<T1, T2, TResult> function) =>
        RegisterRowWise<TResult>(name, 2, v => Missing<T1>(v[0]) || Missing<T2>(v[1]) ? null : function(Arg<T1>(v[0], name), Arg<T2>(v[1], name)));

    /// <summary>A row-wise function of three arguments.</summary>
    public void Register<T1, T2, T3, TResult>(string name, Func<T1, T2, T3, TResult> function) =>
        RegisterRowWise<TResult>(name, 3, v => Missing<T1>(v[0]) || Missing<T2>(v[1]) || Missing<T3>(v[2])
            ? null : function(Arg<T1>(v[0], name), Arg<T2>(v[1], name), Arg<T3>(v[2], name)));

    /// <summary>
    /// A batch-wise function (Spark's Arrow-based <c>pandas_udf</c>): it receives each batch's argument columns as Arrow
    /// arrays and returns one Arrow array of <paramref name="returnType"/> with one value per row.
    /// </summary>
    public void RegisterBatch(string name, Func<IReadOnlyList<IArrowArray>, IArrowArray> function, DataType returnType) =>
        Add(new ExpressionFunction(name, null, args => new ArrowUdfExpr(name, function, returnType, args)));

    /// <summary>
    /// An image classifier as a function of Spark's image struct (sparkdl's <c>registerKerasImageUDF</c>):
    /// <paramref name="model"/> is a zoo name or a model file, as <c>DeepImagePredictor</c>'s <c>modelName</c>.
    /// The model is loaded on first use.
    /// </summary>
    public ImageModelFunction RegisterImageModel(string name, string model, ImageModelFunctionOptions? options = null)
    {
        var function = new ImageModelFunction(name, model, options ?? new ImageModelFunctionOptions());
        Add(new ExpressionFunction(name, 1, args => new ImageModelExpr(function, args[0], _session)));
        return function;
    }

    /// <summary>
    /// A fitted model (a <c>PipelineModel</c> or any transformer) as a function: the call's arguments become
    /// <paramref name="inputCols"/> in order, and its value is the model's <paramref name="outputCol"/>. The model
    /// transforms the query's plan, batched as in a DataFrame program.
    /// </summary>
    public void Register(string name, Transformer model, string[] inputCols, string outputCol)
    {
        if (inputCols.Length == 0) throw new ParamException($"Function {name}: a model function needs at least one input column.");
        Add(new TransformerFunction(name, model, inputCols, outputCol));
    }

    internal bool TryGet(string name, out SqlFunction function) => _functions.TryGetValue(name, out function!);

    private void RegisterRowWise<TResult>(string name, int arity, Func<object?[], object?> function)
    {
        var type = ClrTypes.SqlType(typeof(TResult), name);
        Add(new ExpressionFunction(name, arity, args => BatchUdfExpr.PerRow(name, function, type, args)));
    }

    private void Add(SqlFunction function)
    {
        if (string.IsNullOrWhiteSpace(function.Name) || !function.Name.All(c => char.IsLetterOrDigit(c) || c == '_') || char.IsDigit(function.Name[0]))
            throw new ParamException($"Function name '{function.Name}' is not a SQL identifier: use letters, digits and underscores, not starting with a digit.");
        _functions[function.Name] = function;
    }

    /// <summary>A null argument of a non-nullable value type makes the result null without calling the function, as Spark's Scala UDFs.</summary>
    private static bool Missing<T>(object? value) => value is null && default(T) is not null;

    private static T Arg<T>(object? value, string function) => ValueConvert.To<T>(value, $"argument of {function}");
}
