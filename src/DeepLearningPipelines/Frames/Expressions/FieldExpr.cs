using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>One field of a struct column (Spark's <c>GetStructField</c>); null when the struct is null.</summary>
internal sealed class FieldExpr(Expr child, string field, string name) : Expr
{
    public Expr Child { get; } = child;
    public string Field { get; } = field;
    public override string Name => name;
    public override IEnumerable<Expr> Children => [Child];

    public override DataType ResolveType(StructType schema) => Struct(schema)[Index(schema)].DataType;

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        int index = Index(schema);
        var eval = Child.Bind(schema);
        return b =>
        {
            var src = eval(b);
            var res = new object?[src.Length];
            for (int i = 0; i < res.Length; i++)
                res[i] = src[i] switch
                {
                    Row r => r[index],
                    object?[] values => values[index],
                    _ => null,
                };
            return res;
        };
    }

    private StructType Struct(StructType schema) => Child.ResolveType(schema) as StructType
        ?? throw new SchemaException($"Cannot get field '{MessageText.Escape(Field)}' from column '{MessageText.Escape(Child.Name)}' of type {Child.ResolveType(schema).SimpleString}; only struct columns have fields.");

    private int Index(StructType schema)
    {
        var st = Struct(schema);
        if (st.Contains(Field)) return st.FieldIndex(Field);
        throw new SchemaException($"No field '{MessageText.Escape(Field)}' in struct column '{MessageText.Escape(Child.Name)}'. Available fields: [{string.Join(", ", st.FieldNames.Select(n => MessageText.Escape(n)))}].");
    }
}
