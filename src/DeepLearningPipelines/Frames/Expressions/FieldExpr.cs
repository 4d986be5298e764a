using Apache.Arrow;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>
/// One field of a struct column (Spark's <c>GetStructField</c>); null when the struct is null. Named by its path
/// (<c>image.origin</c>); when it comes from a dotted column name, a top-level result column is named by the field alone.
/// </summary>
internal sealed class FieldExpr(Expr child, string field, string name, bool fromDottedName = false) : Expr
{
    public Expr Child { get; } = child;
    public string Field { get; } = field;
    public override string Name => name;

    /// <summary>The expression as a result column: <c>Col("image.origin")</c> gives a column named <c>origin</c>, as Spark.</summary>
    public static Expr AtTop(Expr e) => e is FieldExpr { _fromDottedName: true } f ? new AliasExpr(f, f.Field) : e;

    private readonly bool _fromDottedName = fromDottedName;
    public override IEnumerable<Expr> Children => [Child];

    public override DataType ResolveType(StructType schema) =>
        QualifiedColumn(schema) is { } qualified ? schema[qualified].DataType : Struct(schema)[Index(schema)].DataType;

    /// <summary>
    /// The schema's <c>alias.column</c> field this expression names, when its base is a name the schema lacks and the
    /// schema qualifies columns by alias (a join condition: <c>Col("l.k")</c> is column k of the side named l).
    /// </summary>
    public string? QualifiedColumn(StructType schema) =>
        Child is ColumnRef r && !schema.Contains(r.Column) && $"{r.Column}.{Field}" is var q && schema.Contains(q) && schema[q].IsQualifiedName ? q : null;

    /// <summary>The field's child array itself when the struct array has no nulls (zero copy), else the values rebuilt.</summary>
    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        if (QualifiedColumn(schema) is { } qualified)
        {
            int column = schema.FieldIndex(qualified);
            return b => b.Column(column);
        }
        int index = Index(schema);
        var type = ResolveType(schema);
        var structType = Child.ResolveType(schema);
        var eval = Child.Bind(schema);
        return b =>
        {
            var array = eval(b);
            if (array is StructArray s && s.NullCount == 0 && s.Offset == 0 && s.Fields[index].Length == s.Length) return s.Fields[index];
            var src = ArrowValues.All(array, structType);
            var res = new object?[src.Length];
            for (int i = 0; i < res.Length; i++)
                res[i] = src[i] switch
                {
                    Row r => r[index],
                    object?[] values => values[index],
                    _ => null,
                };
            return ColumnBuilder.Build(type, Name, res);
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
