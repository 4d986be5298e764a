using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepLearningPipelines.Core;

/// <summary>Spark's lenient casts of text to date and timestamp (<c>yyyy[-[m]m[-[d]d]]</c>, then an optional time).</summary>
public static partial class DateTimeText
{
    /// <summary>The date at the start of <paramref name="text"/>, or null when it is not one.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var m = DatePrefix().Match(text);
        if (!m.Success) return null;
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        int month = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
        int day = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    /// <summary>The timestamp in <paramref name="text"/> (<c>yyyy-MM-dd[ |T]HH:mm[:ss[.fraction]]</c>), or null when it is not one.</summary>
    public static DateTime? ParseTimestamp(string text)
    {
        var m = Timestamp().Match(text);
        if (!m.Success) return null;
        var date = ParseDate(m.Groups[1].Value);
        if (date is null) return null;
        if (!m.Groups[2].Success) return date.Value.ToDateTime(TimeOnly.MinValue);
        int h = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), min = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        int s = m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : 0;
        if (h > 23 || min > 59 || s > 59) return null;
        long ticks = m.Groups[5].Success ? long.Parse(m.Groups[5].Value.PadRight(7, '0')[..7], CultureInfo.InvariantCulture) : 0;
        return date.Value.ToDateTime(new TimeOnly(h, min, s)).AddTicks(ticks);
    }

    [GeneratedRegex(@"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T].*)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"^\s*(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
