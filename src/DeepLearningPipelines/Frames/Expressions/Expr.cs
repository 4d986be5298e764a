using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>A column expression, resolved against a schema and evaluated a batch at a time.</summary>
internal abstract class Expr
{
    /// <summary>The column name Spark would give this expression's result.</summary>
    public abstract string Name { get; }

    /// <summary>The result type; throws <see cref="SchemaException"/> when the expression does not fit the schema.</summary>
    public abstract DataType ResolveType(StructType schema);

    /// <summary>Compiles the expression against a schema into a batch evaluator.</summary>
    public abstract Func<RowBatch, object?[]> Bind(StructType schema);

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

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        int i = Index(schema);
        return b => b.Columns[i];
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

    public override Func<RowBatch, object?[]> Bind(StructType schema) => b =>
    {
        var a = new object?[b.RowCount];
        if (Value is not null) Array.Fill(a, Value);
        return a;
    };

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
    public override Func<RowBatch, object?[]> Bind(StructType schema) => Child.Bind(schema);
}

/// <summary>Converts its child's values to another type; unconvertible values become null, as in Spark.</summary>
internal sealed class CastExpr(Expr child, DataType target) : Expr
{
    public override string Name => $"CAST({child.Name} AS {target.SimpleString.ToUpperInvariant()})";
    public override IEnumerable<Expr> Children => [child];

    public override DataType ResolveType(StructType schema)
    {
        child.ResolveType(schema);
        return target;
    }

    public override Func<RowBatch, object?[]> Bind(StructType schema)
    {
        var eval = child.Bind(schema);
        return b =>
        {
            var src = eval(b);
            var dst = new object?[src.Length];
            for (int i = 0; i < src.Length; i++)
            {
                try { dst[i] = ValueConvert.ToType(src[i], target, child.Name); }
                catch (Exception e) when (e is FormatException or OverflowException or DataFormatException)
                {
                    dst[i] = null;
                    CastFailures.Record(dst, i, src[i]!, target);
                }
            }
            return dst;
        };
    }
}
