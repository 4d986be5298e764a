using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Expressions;
using static DeepLearningPipelines.Frames.Functions;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// SQL's built-in functions by Spark's names, each mapped onto the engine's <see cref="Functions"/> so a query
/// evaluates exactly as the DataFrame program would. Names are case-insensitive.
/// </summary>
internal static class BuiltinFunctions
{
    /// <summary>Aggregates: (argument or null for <c>*</c>, DISTINCT, all arguments) → the aggregate.</summary>
    private static readonly Dictionary<string, Func<FunctionArgs, bool, Column>> Aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["count"] = (a, distinct) => distinct
            ? (a.Arity(1, int.MaxValue).Count == 1 ? CountDistinct(a[0]) : CountDistinct(a[0], a.Columns[1..]))
            : Count(a.Arity(1)[0]),
        ["sum"] = (a, distinct) => distinct ? SumDistinct(a.Arity(1)[0]) : Sum(a.Arity(1)[0]),
        ["avg"] = NoDistinct("avg", c => Avg(c)),
        ["mean"] = NoDistinct("mean", c => Avg(c)),
        ["min"] = (a, _) => Min(a.Arity(1)[0]),
        ["max"] = (a, _) => Max(a.Arity(1)[0]),
        ["stddev"] = NoDistinct("stddev", StddevSamp),
        ["std"] = NoDistinct("std", StddevSamp),
        ["stddev_samp"] = NoDistinct("stddev_samp", StddevSamp),
        ["stddev_pop"] = NoDistinct("stddev_pop", StddevPop),
        ["variance"] = NoDistinct("variance", VarSamp),
        ["var_samp"] = NoDistinct("var_samp", VarSamp),
        ["var_pop"] = NoDistinct("var_pop", VarPop),
        ["collect_list"] = NoDistinct("collect_list", CollectList),
        ["collect_set"] = (a, _) => CollectSet(a.Arity(1)[0]),
        ["first"] = (a, _) => First(a.Arity(1, 2)[0], a.Count == 2 && a.Exprs[1] is Literal { Value: true }),
        ["first_value"] = (a, _) => First(a.Arity(1, 2)[0], a.Count == 2 && a.Exprs[1] is Literal { Value: true }),
        ["last"] = (a, _) => Last(a.Arity(1, 2)[0], a.Count == 2 && a.Exprs[1] is Literal { Value: true }),
        ["last_value"] = (a, _) => Last(a.Arity(1, 2)[0], a.Count == 2 && a.Exprs[1] is Literal { Value: true }),
    };

    private static readonly Dictionary<string, Func<FunctionArgs, Column>> Scalars = new(StringComparer.OrdinalIgnoreCase)
    {
        // conditionals and nulls
        ["coalesce"] = a => Coalesce(a.Arity(1, int.MaxValue).Columns),
        ["nvl"] = a => Coalesce(a.Arity(2).Columns),
        ["ifnull"] = a => Coalesce(a.Arity(2).Columns),
        ["nullif"] = a => When(a.Arity(2)[0].EqualTo(a[1]), null).Otherwise(a[0]),
        ["if"] = a => When(a.Arity(3)[0], a[1]).Otherwise(a[2]),
        ["nvl2"] = a => When(a.Arity(3)[0].IsNotNull(), a[1]).Otherwise(a[2]),
        ["isnull"] = a => a.Arity(1)[0].IsNull(),
        ["isnotnull"] = a => a.Arity(1)[0].IsNotNull(),
        ["greatest"] = a => Greatest(a.Arity(2, int.MaxValue).Columns),
        ["least"] = a => Least(a.Arity(2, int.MaxValue).Columns),
        // collections
        ["array"] = a => Functions.Array(a.Columns),
        ["struct"] = a => Struct(a.Columns),
        ["explode"] = a => Explode(a.Arity(1)[0]),
        ["explode_outer"] = a => ExplodeOuter(a.Arity(1)[0]),
        // mathematics
        ["abs"] = a => Abs(a.Arity(1)[0]),
        ["sqrt"] = a => Sqrt(a.Arity(1)[0]),
        ["exp"] = a => Exp(a.Arity(1)[0]),
        ["ln"] = a => Log(a.Arity(1)[0]),
        ["log"] = a => a.Arity(1, 2).Count == 1 ? Log(a[0]) : Log(a.Double(0), a[1]),
        ["log10"] = a => Log10(a.Arity(1)[0]),
        ["log2"] = a => Log(2.0, a.Arity(1)[0]),
        ["pow"] = a => Pow(a.Arity(2)[0], a[1]),
        ["power"] = a => Pow(a.Arity(2)[0], a[1]),
        ["round"] = a => Round(a.Arity(1, 2)[0], a.Count == 2 ? a.Int(1) : 0),
        ["bround"] = a => Bround(a.Arity(1, 2)[0], a.Count == 2 ? a.Int(1) : 0),
        ["floor"] = a => Floor(a.Arity(1)[0]),
        ["ceil"] = a => Ceil(a.Arity(1)[0]),
        ["ceiling"] = a => Ceil(a.Arity(1)[0]),
        ["sign"] = a => Signum(a.Arity(1)[0]),
        ["signum"] = a => Signum(a.Arity(1)[0]),
        ["mod"] = a => a.Arity(2)[0] % a[1],
        // strings
        ["upper"] = a => Upper(a.Arity(1)[0]),
        ["ucase"] = a => Upper(a.Arity(1)[0]),
        ["lower"] = a => Lower(a.Arity(1)[0]),
        ["lcase"] = a => Lower(a.Arity(1)[0]),
        ["trim"] = a => Trim(a.Arity(1)[0]),
        ["ltrim"] = a => LTrim(a.Arity(1)[0]),
        ["rtrim"] = a => RTrim(a.Arity(1)[0]),
        ["length"] = a => Length(a.Arity(1)[0]),
        ["char_length"] = a => Length(a.Arity(1)[0]),
        ["character_length"] = a => Length(a.Arity(1)[0]),
        ["substring"] = a => Substring(a.Arity(2, 3)[0], a.Int(1), a.Count == 3 ? a.Int(2) : int.MaxValue),
        ["substr"] = a => Substring(a.Arity(2, 3)[0], a.Int(1), a.Count == 3 ? a.Int(2) : int.MaxValue),
        ["concat"] = a => Concat(a.Columns),
        ["concat_ws"] = a => ConcatWs(a.Arity(1, int.MaxValue).String(0), a.Columns[1..]),
        ["split"] = a => Split(a.Arity(2, 3)[0], a.String(1), a.Count == 3 ? a.Int(2) : -1),
        ["regexp_replace"] = a => RegexpReplace(a.Arity(3)[0], a.String(1), a.String(2)),
        ["regexp_extract"] = a => RegexpExtract(a.Arity(2, 3)[0], a.String(1), a.Count == 3 ? a.Int(2) : 1),
        ["lpad"] = a => Lpad(a.Arity(2, 3)[0], a.Int(1), a.Count == 3 ? a.String(2) : " "),
        ["rpad"] = a => Rpad(a.Arity(2, 3)[0], a.Int(1), a.Count == 3 ? a.String(2) : " "),
        ["instr"] = a => Instr(a.Arity(2)[0], a.String(1)),
        ["replace"] = a => Replace(a.Arity(2, 3)[0], a.String(1), a.Count == 3 ? a.String(2) : ""),
        // dates
        ["current_date"] = a => CurrentDate(),
        ["current_timestamp"] = a => CurrentTimestamp(),
        ["now"] = a => CurrentTimestamp(),
        ["to_date"] = a => a.Arity(1, 2).Count == 1 ? ToDate(a[0]) : ToDate(a[0], a.String(1)),
        ["date_format"] = a => DateFormat(a.Arity(2)[0], a.String(1)),
        ["year"] = a => Year(a.Arity(1)[0]),
        ["month"] = a => Month(a.Arity(1)[0]),
        ["day"] = a => DayOfMonth(a.Arity(1)[0]),
        ["dayofmonth"] = a => DayOfMonth(a.Arity(1)[0]),
        ["date_add"] = a => DateAdd(a.Arity(2)[0], a.Int(1)),
        ["date_sub"] = a => DateSub(a.Arity(2)[0], a.Int(1)),
        ["datediff"] = a => DateDiff(a.Arity(2)[0], a[1]),
    };

    private static Func<FunctionArgs, bool, Column> NoDistinct(string name, Func<Column, Column> f) => (a, distinct) =>
        distinct ? throw new AnalysisException($"{name}(DISTINCT …) is not supported; DISTINCT works with count and sum.") : f(a.Arity(1)[0]);

    /// <summary>Every built-in name, for error messages.</summary>
    public static IEnumerable<string> Names => Aggregates.Keys.Concat(Scalars.Keys);

    public static bool IsAggregate(string name) => Aggregates.ContainsKey(name);

    public static bool IsScalar(string name) => Scalars.ContainsKey(name);

    public static Expr Aggregate(string name, FunctionArgs args, bool distinct) => Aggregates[name](args, distinct).Expr;

    public static Expr Scalar(string name, FunctionArgs args) => Scalars[name](args).Expr;
}
