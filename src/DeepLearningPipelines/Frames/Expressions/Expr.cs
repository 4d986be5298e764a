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

/// <summary>A reference to an input column by name.</summary>
internal sealed class ColumnRef(string column) : Expr
{
    public string Column { get; } = column;
    public override string Name => Column;
    public override DataType ResolveType(StructType schema) => schema[Column].DataType;

    /// <summary>The input column itself: zero copy.</summary>
    public override Func<RowBatch, IArrowArray> Bind(StructType schema)
    {
        int i = schema.FieldIndex(Column);
        return b => b.Column(i);
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
