using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Sql;

/// <summary>What planning one statement shares: the session (views, functions, readers) and the internal column names in use.</summary>
internal sealed class StatementContext(DlpSession session)
{
    public DlpSession Session { get; } = session;
    public NameAllocator Names { get; } = new();
}

/// <summary>The CTEs visible at a point of a query, the latest first; a CTE's body sees the ones defined before it.</summary>
internal sealed record CteScope(string Name, QuerySyntax Query, CteScope? Previous)
{
    /// <summary>The CTE named <paramref name="name"/> and the scope its body is planned in.</summary>
    public static (QuerySyntax Query, CteScope? Scope)? Find(CteScope? scope, string name)
    {
        for (var s = scope; s is not null; s = s.Previous)
            if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) return (s.Query, s.Previous);
        return null;
    }
}
