using System.Runtime.CompilerServices;
using Apache.Arrow;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames;

/// <summary>
/// Remembers, for a column array produced by a cast, which nulls came from values that could not be converted, so
/// that a later "is null" error can show the original value. Nothing is stored for casts that succeed.
/// </summary>
internal static class CastFailures
{
    private static readonly ConditionalWeakTable<IArrowArray, Dictionary<int, (object Value, DataType Target)>> Failures = new();

    /// <summary>Attaches the notes of a cast's failed rows (row → original value) to the column array it built.</summary>
    public static void Attach(IArrowArray column, Dictionary<int, (object Value, DataType Target)> notes)
    {
        if (notes.Count > 0) Failures.AddOrUpdate(column, notes);
    }

    /// <summary><c>value 'T' could not be cast to double</c>, or null when the null was not a failed cast.</summary>
    public static string? Describe(IArrowArray column, int row) =>
        Failures.TryGetValue(column, out var rows) && rows.TryGetValue(row, out var f)
            ? $"value '{MessageText.Escape(ValueFormat.Plain(f.Value), 60)}' could not be cast to {f.Target.SimpleString}"
            : null;

    /// <summary>Carries the notes of <paramref name="source"/> over to <paramref name="copy"/>, whose row i is source row <paramref name="rows"/>[i].</summary>
    public static void CopyTo(IArrowArray source, IArrowArray copy, IReadOnlyList<int> rows)
    {
        if (!Failures.TryGetValue(source, out var notes)) return;
        for (int i = 0; i < rows.Count; i++)
            if (notes.TryGetValue(rows[i], out var f)) Failures.GetOrCreateValue(copy)[i] = f;
    }

    /// <summary>Carries the notes of the first <paramref name="count"/> rows of <paramref name="source"/> over to <paramref name="copy"/>.</summary>
    public static void CopyHead(IArrowArray source, IArrowArray copy, int count)
    {
        if (!Failures.TryGetValue(source, out var notes)) return;
        foreach (var (row, f) in notes)
            if (row < count) Failures.GetOrCreateValue(copy)[row] = f;
    }
}
