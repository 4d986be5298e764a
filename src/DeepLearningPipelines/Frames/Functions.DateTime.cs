using System.Globalization;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Frames;

public static partial class Functions
{
    /// <summary>Today's date in the session time zone (UTC), fixed when a partition starts.</summary>
    public static Column CurrentDate() =>
        new(new ScalarFunctionExpr("current_date", [], _ => DataTypes.Date, _ =>
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            return _ => today;
        }));

    /// <summary>The current time in the session time zone (UTC), fixed when a partition starts.</summary>
    public static Column CurrentTimestamp() =>
        new(new ScalarFunctionExpr("current_timestamp", [], _ => DataTypes.Timestamp, _ =>
        {
            var now = DateTime.UtcNow;
            return _ => now;
        }));

    /// <summary>The date of a date, timestamp or text (<c>yyyy-MM-dd</c>, optionally followed by a time); null when the text is not a date.</summary>
    public static Column ToDate(Column column) => DateFn("to_date", [column.Expr], DataTypes.Date, d => d);

    /// <summary>The date of text in the Spark datetime pattern <paramref name="format"/> (e.g. <c>dd/MM/yyyy</c>); null when it does not match.</summary>
    public static Column ToDate(Column column, string format)
    {
        var dotnet = DatetimePattern.ToDotNet(format);
        return new(new ScalarFunctionExpr("to_date", [column.Expr, Literal.Of(format)], DateArg("to_date", column, DataTypes.Date), v => v[0] switch
        {
            string s => DateTime.TryParseExact(s, dotnet, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? DateOnly.FromDateTime(t) : null,
            var x => AsDate(x!),
        }));
    }

    /// <summary>A date or timestamp as text in the Spark datetime pattern <paramref name="format"/>.</summary>
    public static Column DateFormat(Column column, string format)
    {
        var dotnet = DatetimePattern.ToDotNet(format);
        return new(new ScalarFunctionExpr("date_format", [column.Expr, Literal.Of(format)], DateArg("date_format", column, DataTypes.String),
            v => AsTimestamp(v[0]!)?.ToString(dotnet, CultureInfo.InvariantCulture)));
    }

    /// <summary>The year of a date.</summary>
    public static Column Year(Column column) => DateFn("year", [column.Expr], DataTypes.Integer, d => d.Year);

    /// <summary>The month (1–12) of a date.</summary>
    public static Column Month(Column column) => DateFn("month", [column.Expr], DataTypes.Integer, d => d.Month);

    /// <summary>The day of the month (1–31) of a date.</summary>
    public static Column DayOfMonth(Column column) => DateFn("dayofmonth", [column.Expr], DataTypes.Integer, d => d.Day);

    /// <summary>The date <paramref name="days"/> days after.</summary>
    public static Column DateAdd(Column column, int days) => DateFn("date_add", [column.Expr, Literal.Of(days)], DataTypes.Date, d => d.AddDays(days));

    /// <summary>The date <paramref name="days"/> days before.</summary>
    public static Column DateSub(Column column, int days) => DateFn("date_sub", [column.Expr, Literal.Of(days)], DataTypes.Date, d => d.AddDays(-days));

    /// <summary>The number of days from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static Column DateDiff(Column end, Column start) =>
        new(new ScalarFunctionExpr("datediff", [end.Expr, start.Expr], types =>
        {
            DateArg("datediff", end, DataTypes.Integer)(types);
            DateArg("datediff", start, DataTypes.Integer)(types[1..]);
            return DataTypes.Integer;
        }, v => AsDate(v[0]!) is DateOnly e && AsDate(v[1]!) is DateOnly s ? e.DayNumber - s.DayNumber : null));

    private static Column DateFn(string name, Expr[] args, DataType result, Func<DateOnly, object> f) =>
        new(new ScalarFunctionExpr(name, args, DateArg(name, new Column(args[0]), result), v => AsDate(v[0]!) is DateOnly d ? f(d) : null));

    private static Func<DataType[], DataType> DateArg(string function, Column column, DataType result) => types =>
    {
        TypeRules.Require(function, [column.Expr], types, 0, TypeRules.IsDateLike, "a date, timestamp or string");
        return result;
    };

    private static DateOnly? AsDate(object value) => value switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s => DateTimeText.ParseDate(s),
        _ => null,
    };

    private static DateTime? AsTimestamp(object value) => value switch
    {
        DateTime t => t,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        string s => DateTimeText.ParseTimestamp(s),
        _ => null,
    };
}
