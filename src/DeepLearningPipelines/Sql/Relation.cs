using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// A column as a query sees it: the name SQL resolves (optionally qualified by a table alias) and the unique name it
/// has in the underlying DataFrame. Hidden columns (the sides of a <c>USING</c> key) resolve only when qualified
/// and are left out of <c>*</c>.
/// </summary>
internal sealed record ScopeColumn(string? Qualifier, string Name, string Internal, bool Hidden = false);

/// <summary>A planned FROM item or query: a DataFrame whose columns are named by <see cref="ScopeColumn.Internal"/>, in order.</summary>
internal sealed class Relation(DataFrame frame, IReadOnlyList<ScopeColumn> columns)
{
    /// <summary>The plan so far; model functions over columns replace it with the plan that appends their outputs.</summary>
    public DataFrame Frame { get; set; } = frame;

    public IReadOnlyList<ScopeColumn> Columns { get; set; } = columns;

    /// <summary>The same columns under another qualifier (a subquery's or view's alias).</summary>
    public Relation Requalify(string? qualifier) =>
        new(Frame, Columns.Where(c => !c.Hidden).Select(c => c with { Qualifier = qualifier }).ToList());
}

/// <summary>Unique internal column names within one statement (a name is kept when it is still free, else suffixed).</summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public string Fresh(string name)
    {
        if (_used.Add(name)) return name;
        for (int i = 1; ; i++)
            if (_used.Add($"{name}#{i}")) return $"{name}#{i}";
    }
}
