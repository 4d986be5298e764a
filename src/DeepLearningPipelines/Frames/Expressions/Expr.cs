using Apache.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Arrow;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>A column expression, resolved against a schema and evaluated a batch at a time.</summary>
internal abstract class Expr
{
    /// <summary>The column name Spark would give this expression's result.</summary>
    public abstract string Name { get; }

    /// <summary>The result type; throws <see cref="SchemaException"/> when the expression does not fit the schema.</summary>
    public abstract DataType ResolveType(StructType schema);

    /// <summary>Compiles the expression against a schema into a batch evaluator producing one Arrow array per batch.</summary>
    public abstract Func<RowBatch, IArrowArray> Bind(StructType schema);

    /// <summary>Like <see cref="Bind"/>, with the result boxed per row (group and sort keys, row-wise functions).</summary>
    public Func<RowBatch, object?[]> BindBoxed(StructType schema)
    {
        var type = ResolveType(schema);
        var eval = Bind(schema);
        return b => ArrowValues.All(eval(b), type);
    }

    public virtual IEnumerable<Expr> Children => [];

    /// <summary>True when this expression or a child is an aggregate.</summary>
    public bool ContainsAggregate => this is AggregateExpr || Children.Any(c => c.ContainsAggregate);

    public override string ToString() => Name;
}

/// <summary>
/// A reference to an input column by name; <paramref name="path"/> is the dotted name it was parsed from, when the
/// column is the head of a nested-field path (errors then point at a top-level column of that whole name).
/// </summary>
internal sealed class ColumnRef(string column, string? path = null) : Expr
{
    public string Column { get; } = column;
    public override string Name => Column;
    public override DataType ResolveType(StructType schema) => schema[Index(schema)].DataType;

    /// <summary>The input column itself: zero copy.</summary>
    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        int i = Index(schema);
        return b => b.Column(i);
    }

    private int Index(StructType schema)
    {
        if (path is not null && !schema.Contains(Column) && schema.Contains(path))
            throw new SchemaException($"Column '{MessageText.Escape(path)}' is read as field access on a column '{MessageText.Escape(Column)}', which does not exist; to refer to the column named '{MessageText.Escape(path)}', quote it with backquotes: `{MessageText.Escape(path)}`.");
        return schema.FieldIndex(Column);
    }
}

/// <summary>A constant.</summary>
internal sealed class Literal(object? value, DataType type) : Expr
{
    public object? Value { get; } = value;
    public override string Name => ValueFormat.Plain(Value);
    public override DataType ResolveType(StructType schema) => type;

    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => b => ColumnBuilder.Repeat(type, Name, Value, b.RowCount);

    public static Literal Of(object? value) => new(value, value switch
    {
        null => DataTypes.String,
        int => DataTypes.Integer,
        long => DataTypes.Long,
        double => DataTypes.Double,
        float => DataTypes.Float,
        bool => DataTypes.Boolean,
        string => DataTypes.String,
        byte[] => DataTypes.Binary,
        Vector => DataTypes.Vector,
        DateOnly => DataTypes.Date,
        DateTime => DataTypes.Timestamp,
        _ => throw new SchemaException($"Unsupported literal type {value.GetType().Name}."),
    });
}

/// <summary>Renames its child's result.</summary>
internal sealed class AliasExpr(Expr child, string alias) : Expr
{
    public Expr Child { get; } = child;
    public override string Name => alias;
    public override IEnumerable<Expr> Children => [Child];
    public override DataType ResolveType(StructType schema) => Child.ResolveType(schema);
    public override Func<RowBatch, IArrowArray> Bind(StructType schema) => Child.Bind(schema);
}
