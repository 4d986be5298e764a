using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Sql;

/// <summary>What planning one statement shares: the session (views, functions, readers) and the internal column names in use.</summary>
internal sealed class StatementContext(DlpSession session)
{
    public DlpSession Session { get; } = session;
    public NameAllocator Names { get; } = new();
}

/// <summary>The CTEs visible at a point of a query, innermost first.</summary>
internal sealed record CteScope(string Name, QuerySyntax Query, CteScope? Outer, CteScope? Parent)
{
    /// <summary>The CTE named <paramref name="name"/> and the scope its body is planned in.</summary>
    public static (QuerySyntax Query, CteScope? Scope)? Find(CteScope? scope, string name)
    {
        for (var s = scope; s is not null; s = s.Parent)
            if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) return (s.Query, s.Outer);
        return null;
    }
}
