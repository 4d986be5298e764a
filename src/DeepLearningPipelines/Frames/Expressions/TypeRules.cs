using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Frames.Expressions;

/// <summary>Argument checks and result types shared by the built-in functions.</summary>
internal static class TypeRules
{
    public static bool IsNumeric(DataType t) => t.IsNumeric;
    public static bool IsDateLike(DataType t) => t == DataTypes.Date || t == DataTypes.Timestamp || t == DataTypes.String;

    /// <summary>Checks that argument <paramref name="index"/> of <paramref name="function"/> satisfies <paramref name="accept"/>.</summary>
    public static void Require(string function, IReadOnlyList<Expr> args, DataType[] types, int index, Func<DataType, bool> accept, string expected)
    {
        if (!accept(types[index]) && !IsNullLiteral(args[index]))
            throw new SchemaException($"{function}() needs {expected} for argument {index + 1} but '{MessageText.Escape(args[index].Name)}' is {types[index].SimpleString}.");
    }

    /// <summary>Checks every argument.</summary>
    public static void RequireAll(string function, IReadOnlyList<Expr> args, DataType[] types, Func<DataType, bool> accept, string expected)
    {
        for (int i = 0; i < types.Length; i++) Require(function, args, types, i, accept, expected);
    }

    /// <summary>True for <c>Lit(null)</c>, which fits any type.</summary>
    public static bool IsNullLiteral(Expr e) => e is Literal { Value: null } || e is AliasExpr a && IsNullLiteral(a.Child);

    /// <summary>
    /// The one type the values of <paramref name="args"/> are converted to (as Spark's type coercion for
    /// <c>coalesce</c>, <c>CASE</c>, <c>greatest</c>, <c>array</c>): numbers widen; null literals fit anything.
    /// </summary>
    public static DataType Common(string function, IReadOnlyList<Expr> args, IReadOnlyList<DataType> types)
    {
        DataType? common = null;
        for (int i = 0; i < types.Count; i++)
        {
            if (IsNullLiteral(args[i])) continue;
            var t = types[i];
            if (common is null || common == t) common = t;
            else if (common.IsNumeric && t.IsNumeric) common = DataTypes.WiderNumeric(common, t);
            else if (common == DataTypes.Date && t == DataTypes.Timestamp || common == DataTypes.Timestamp && t == DataTypes.Date) common = DataTypes.Timestamp;
            else
                throw new SchemaException($"{function} needs arguments of one type but got {string.Join(", ", args.Select((a, k) => $"'{MessageText.Escape(a.Name)}' ({types[k].SimpleString})"))}.");
        }
        return common ?? DataTypes.String;
    }

    /// <summary>Converts a value to <paramref name="type"/> when it is a number or date of another width.</summary>
    public static object? To(DataType type, object? value) =>
        value is null || type is not AtomicType { ClrType: var clr } || value.GetType() == clr ? value : ValueConvert.ToType(value, type, "");
}
