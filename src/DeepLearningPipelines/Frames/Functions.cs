using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

/// <summary>Column functions, as Spark's <c>functions</c> object.</summary>
public static partial class Functions
{
    /// <summary>
    /// A reference to a column by name, in Spark's syntax: <c>image.origin</c> is field <c>origin</c> of struct column
    /// <c>image</c> (named <c>origin</c> in results), <c>`a.b`</c> is the column named <c>a.b</c>, <c>*</c> and
    /// <c>image.*</c> expand (in <c>Select</c>) to every column or every field of the struct.
    /// </summary>
    public static Column Col(string name) => new(ColumnPath.Parse(name));

    /// <summary>A constant column (<paramref name="value"/> itself when it is a <see cref="Column"/>).</summary>
    public static Column Lit(object? value) => value as Column ?? new(Literal.Of(value));

    public static Column Asc(string column) => Col(column).Asc();
    public static Column Desc(string column) => Col(column).Desc();

    /// <summary>Marks a DataFrame as small enough to be sent whole to every partition of the other side of a join.</summary>
    public static DataFrame Broadcast(DataFrame frame) => frame.WithBroadcastHint();

    /// <summary>A row UDF of one argument: <paramref name="function"/> sees each value (null included).</summary>
    public static Func<Column, Column> Udf<TIn, TOut>(Func<TIn, TOut> function, DataType returnType, string name = "udf") =>
        c => new(BatchUdfExpr.PerRow(name, v => function(ValueConvert.To<TIn>(v[0], c.Name)), returnType, [c.Expr]));

    /// <summary>A row UDF of two arguments.</summary>
    public static Func<Column, Column, Column> Udf<T1, T2, TOut>(Func<T1, T2, TOut> function, DataType returnType, string name = "udf") =>
        (a, b) => new(BatchUdfExpr.PerRow(name, v => function(ValueConvert.To<T1>(v[0], a.Name), ValueConvert.To<T2>(v[1], b.Name)), returnType, [a.Expr, b.Expr]));

    /// <summary>A row UDF over any number of columns, receiving the raw values of each row.</summary>
    public static Column Udf(string name, Func<object?[], object?> function, DataType returnType, params Column[] columns) =>
        new(BatchUdfExpr.PerRow(name, function, returnType, columns.Select(c => c.Expr).ToArray()));

    /// <summary>A batch UDF: <paramref name="function"/> receives each batch's argument columns (column-major) and returns one value per row.</summary>
    public static Column BatchUdf(string name, Func<object?[][], object?[]> function, DataType returnType, params Column[] columns) =>
        new(new BatchUdfExpr(name, function, returnType, columns.Select(c => c.Expr).ToArray()));
}
