using Apache.Arrow;
using DeepLearningPipelines.Frames.Arrow;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames.Joins;

/// <summary>
/// How the column names of a join condition resolve against the two sides: a plain name resolves to the one side
/// that has it, a qualified name <c>alias.column</c> to the side given that alias by <c>DataFrame.Alias</c>. A name
/// both sides have is ambiguous unless qualified.
/// </summary>
internal sealed class JoinScope
{
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);
    private readonly HashSet<string> _qualified = new(StringComparer.Ordinal);
    private readonly int[] _viewColumns;

    /// <param name="sides">Each side's schema and alias, in the order their columns are joined.</param>
    public JoinScope(params (StructType Schema, string? Alias)[] sides)
    {
        var plain = new Dictionary<string, int>(StringComparer.Ordinal);
        int offset = 0;
        foreach (var (schema, alias) in sides)
        {
            for (int i = 0; i < schema.Count; i++)
            {
                var name = schema[i].Name;
                if (alias is not null && _columns.TryAdd($"{alias}.{name}", offset + i)) _qualified.Add($"{alias}.{name}");
                if (!plain.TryAdd(name, offset + i) && plain[name] < offset) _ambiguous.Add(name);
            }
            offset += schema.Count;
        }
        foreach (var (name, index) in plain)
            if (!_ambiguous.Contains(name)) _columns.TryAdd(name, index);
        Width = offset;
        var fields = sides.SelectMany(s => s.Schema.Fields).ToArray();
        var names = _columns.OrderBy(c => c.Value).ToArray();
        View = new StructType(names.Select(n => fields[n.Value] with { Name = n.Key, IsQualifiedName = _qualified.Contains(n.Key) }));
        _viewColumns = names.Select(n => n.Value).ToArray();
    }

    /// <summary>The number of joined columns.</summary>
    public int Width { get; }

    /// <summary>The schema expressions of the condition bind against: one field per resolvable name.</summary>
    public StructType View { get; }

    /// <summary>The joined column each name of <paramref name="expr"/> refers to; throws for unknown or ambiguous names.</summary>
    public IEnumerable<int> References(Expr expr)
    {
        if (expr is FieldExpr f && f.QualifiedColumn(View) is { } qualified)
        {
            yield return _columns[qualified];
            yield break;
        }
        if (expr is ColumnRef r)
        {
            if (_ambiguous.Contains(r.Column))
                throw new SchemaException($"Column '{MessageText.Escape(r.Column)}' in the join condition is ambiguous: both sides have it. Name the sides with Alias(\"l\") and Alias(\"r\") and write Col(\"l.{MessageText.Escape(r.Column)}\"), or join on the column name with Join(other, \"{MessageText.Escape(r.Column)}\").");
            yield return _columns.TryGetValue(r.Column, out var i) ? i : View.FieldIndex(r.Column);
        }
        foreach (var c in expr.Children)
            foreach (var i in References(c)) yield return i;
    }

    /// <summary>The joined columns of a batch, presented under <see cref="View"/>'s names.</summary>
    public RowBatch Present(object?[][] joinedColumns, int rowCount) =>
        new(View, _viewColumns.Select((c, v) => ColumnBuilder.Build(View[v].DataType, View[v].Name, joinedColumns[c])).ToArray(), rowCount);

    /// <summary>The joined columns of a batch, presented under <see cref="View"/>'s names (zero copy).</summary>
    public RowBatch Present(IReadOnlyList<IArrowArray> joinedColumns, int rowCount) =>
        new(View, _viewColumns.Select(c => joinedColumns[c]).ToArray(), rowCount);
}
