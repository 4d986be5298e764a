using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary><c>*</c> (every column) or <c>s.*</c> (every field of struct <c>s</c>); expanded by <c>Select</c>.</summary>
internal sealed class StarExpr(Expr? qualifier) : Expr
{
    public override string Name => qualifier is null ? "*" : $"{qualifier.Name}.*";
    public override IEnumerable<Expr> Children => qualifier is null ? [] : [qualifier];

    public override DataType ResolveType(StructType schema) =>
        throw new SchemaException($"'{Name}' can only be used directly in Select, not inside an expression or in {nameof(DataFrame.WithColumn)}, Filter or OrderBy.");

    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => throw new InvalidOperationException("A star is expanded before evaluation.");

    /// <summary>The columns the star stands for in <paramref name="schema"/>.</summary>
    public Expr[] Expand(StructType schema)
    {
        if (qualifier is null) return schema.FieldNames.Select(n => (Expr)new ColumnRef(n)).ToArray();
        var type = qualifier.ResolveType(schema);
        if (type is not StructType st)
            throw new SchemaException($"Cannot expand '{Name}': column '{qualifier.Name}' is {type.SimpleString}, and only struct columns can be expanded.");
        return st.FieldNames.Select(f => (Expr)new FieldExpr(qualifier, f, f)).ToArray();
    }
}
