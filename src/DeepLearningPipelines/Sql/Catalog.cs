using System.Collections.Concurrent;
using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// A session's temporary views, as Spark's <c>spark.catalog</c>: names are case-insensitive, and a view is the
/// DataFrame's plan (queries over it re-run the plan, or read its cache when the DataFrame was cached).
/// </summary>
public sealed class Catalog
{
    private readonly ConcurrentDictionary<string, Func<DataFrame>> _views = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of the temporary views, sorted.</summary>
    public IReadOnlyList<string> ListTables() => _views.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>True when a temporary view of that name exists.</summary>
    public bool TableExists(string name) => _views.ContainsKey(name);

    /// <summary>Drops a temporary view; false when there was none (Spark's <c>dropTempView</c>).</summary>
    public bool DropTempView(string name) => _views.TryRemove(name, out _);

    internal void Register(string name, DataFrame frame, bool replace) => Register(name, () => frame, replace);

    /// <summary>Registers a view whose DataFrame is made each time it is read (a memory stream sink's rows so far).</summary>
    internal void Register(string name, Func<DataFrame> frame, bool replace)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new AnalysisException("A view name must not be empty.");
        if (replace) _views[name] = frame;
        else if (!_views.TryAdd(name, frame))
            throw new AnalysisException($"Temporary view '{name}' already exists. Use CreateOrReplaceTempView to replace it, or Catalog.DropTempView first.");
    }

    internal bool TryGet(string name, out DataFrame frame)
    {
        frame = _views.TryGetValue(name, out var make) ? make() : null!;
        return frame is not null;
    }

    /// <summary>The view's DataFrame; throws with the existing names when there is none.</summary>
    internal DataFrame Get(string name) => TryGet(name, out var frame) ? frame
        : throw new AnalysisException($"Table or view '{name}' not found. Temporary views: {Suggestions.Closest(name, _views.Keys)}.");
}
