using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Expressions;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// Resolves a parsed expression against a relation's columns and lowers it onto the engine's expressions
/// (the same ones <see cref="Functions"/> builds). <paramref name="intercept"/>, when given, replaces a node before it
/// is lowered (aggregate queries map group keys and aggregates onto the aggregation's output this way).
/// </summary>
internal sealed class ExpressionBinder(StatementContext context, Relation scope, string clause, Func<SqlExpr, Expr?>? intercept = null)
{
    public Expr Bind(SqlExpr e) => intercept?.Invoke(e) ?? Lower(e);

    private Expr Lower(SqlExpr e) => e switch
    {
        LiteralSyntax l => new Literal(l.Value, l.Type),
        NameSyntax n => Resolve(n, scope),
        StarSyntax s => throw new AnalysisException($"'{OutputNames.Of(s)}' at {s.At} is only allowed as a SELECT item or in count(*)."),
        UnarySyntax { Op: "NOT" } u => new LogicalExpr("NOT", Bind(u.Operand), null),
        UnarySyntax u => new ArithmeticExpr('*', Bind(u.Operand), Literal.Of(-1)),
        BinarySyntax b => Binary(b),
        CallSyntax c => Call(c),
        CaseSyntax c => Case(c),
        CastSyntax c => new CastExpr(Bind(c.Operand), c.Type),
        InListSyntax i => Negate(new Column(Bind(i.Operand)).IsIn(i.Values.Select(v => (object?)new Column(Bind(v))).ToArray()).Expr, i.Not),
        InQuerySyntax i => throw new AnalysisException($"IN (SELECT …) at {i.At} is supported only as a WHERE condition, alone or joined to others with AND."),
        BetweenSyntax b => Negate(new LogicalExpr("AND", new ComparisonExpr(">=", Bind(b.Operand), Bind(b.Low)), new ComparisonExpr("<=", Bind(b.Operand), Bind(b.High))), b.Not),
        LikeSyntax l => Like(l),
        IsNullSyntax n => new LogicalExpr(n.Not ? "ISNOTNULL" : "ISNULL", Bind(n.Operand), null),
        SubscriptSyntax s => Subscript(s),
        _ => throw new InvalidOperationException($"No lowering for {e.GetType().Name}."),
    };

    private static Expr Negate(Expr e, bool not) => not ? new LogicalExpr("NOT", e, null) : e;

    private Expr Binary(BinarySyntax b)
    {
        var (l, r) = (Bind(b.Left), Bind(b.Right));
        return b.Op switch
        {
            "+" or "-" or "*" or "/" or "%" => new ArithmeticExpr(b.Op[0], l, r),
            "DIV" => IntegralDivide.Create(l, r),
            "||" => Functions.Concat(new Column(l), new Column(r)).Expr,
            "AND" or "OR" => new LogicalExpr(b.Op, l, r),
            "<=>" => new NullSafeEqualExpr(l, r),
            _ => new ComparisonExpr(b.Op, l, r),
        };
    }

    private Expr Case(CaseSyntax c)
    {
        var operand = c.Operand is null ? null : Bind(c.Operand);
        var branches = c.Branches.Select(b => (operand is null ? Bind(b.When) : new ComparisonExpr("=", operand, Bind(b.When)), Bind(b.Then))).ToList();
        return CaseWhen.Build(branches, c.Else is null ? null : Bind(c.Else));
    }

    private Expr Like(LikeSyntax l)
    {
        if (l.Pattern is not LiteralSyntax { Value: string pattern })
            throw new AnalysisException($"The pattern of {(l.Regex ? "RLIKE" : "LIKE")} at {l.At} must be a string constant.");
        var operand = new Column(Bind(l.Operand));
        return Negate((l.Regex ? operand.RLike(pattern) : operand.Like(pattern)).Expr, l.Not);
    }

    private Expr Subscript(SubscriptSyntax s)
    {
        var operand = Bind(s.Operand);
        if (s.Field is { } field) return new FieldExpr(operand, field, $"{operand.Name}.{field}");
        if (s.Index is LiteralSyntax { Value: int index }) return new Column(operand).GetItem(index).Expr;
        throw new AnalysisException($"An array index at {s.At} must be an integer constant.");
    }

    private Expr Call(CallSyntax c)
    {
        if (context.Session.Udf.TryGet(c.Name, out var udf))
        {
            var args = c.Args.Select(Bind).ToArray();
            return udf switch
            {
                ExpressionFunction f => f.Build(args),
                TransformerFunction t => ApplyModel(t, args, c),
                _ => throw new InvalidOperationException(udf.GetType().Name),
            };
        }
        if (BuiltinFunctions.IsAggregate(c.Name))
            throw new AnalysisException($"Aggregate function {c.Name.ToLowerInvariant()} at {c.At} is not allowed in {clause}.");
        if (c.Star) throw new AnalysisException($"{c.Name}(*) at {c.At}: only count takes *.");
        if (c.Distinct) throw new AnalysisException($"DISTINCT at {c.At} is only allowed in aggregate functions, and {c.Name} is not one.");
        if (BuiltinFunctions.IsScalar(c.Name))
            return BuiltinFunctions.Scalar(c.Name, new FunctionArgs(c.Name, c.Args, c.Args.Select(Bind).ToArray()));
        throw new AnalysisException($"Undefined function '{c.Name}' at {c.At}. Functions with the nearest names: {Suggestions.Closest(c.Name, BuiltinFunctions.Names.Concat(context.Session.Udf.Names), 8)}.");
    }

    /// <summary>
    /// A model function: the relation's plan gets the arguments as the model's input columns, the model transforms
    /// it, and the output column is kept under a fresh name; the call becomes a reference to it.
    /// </summary>
    private Expr ApplyModel(TransformerFunction f, Expr[] args, CallSyntax c)
    {
        if (intercept is not null)
            throw new AnalysisException($"Model function {f.Name} at {c.At} cannot take aggregates or group keys; apply it in an outer query over the aggregation.");
        if (args.Length != f.InputCols.Count)
            throw new AnalysisException($"Function {f.Name} takes {f.InputCols.Count} argument{(f.InputCols.Count == 1 ? "" : "s")} ({string.Join(", ", f.InputCols)}) but {args.Length} were given at {c.At}.");
        var frame = scope.Frame;
        var passing = frame.Columns.Select((name, i) => (Name: name, Temp: $"__sql_col{i}")).ToArray();
        var input = frame.Select(passing.Select(p => new Column(new AliasExpr(new ColumnRef(p.Name), p.Temp)))
            .Concat(args.Select((a, i) => new Column(new AliasExpr(a, f.InputCols[i])))).ToArray());
        var output = f.Model.Transform(input);
        var result = context.Names.Fresh(f.Name);
        scope.Frame = output.Select(passing.Select(p => new Column(new AliasExpr(new ColumnRef(p.Temp), p.Name)))
            .Append(new Column(new AliasExpr(new ColumnRef(f.OutputCol), result))).ToArray());
        return new ColumnRef(result);
    }

    /// <summary>
    /// A dotted name: <c>alias.column[.field…]</c> when the first part is a table alias with that column, else
    /// <c>column[.field…]</c>. Names are matched case-insensitively, as Spark does by default.
    /// </summary>
    public static Expr Resolve(NameSyntax n, Relation scope)
    {
        var parts = n.Parts;
        List<ScopeColumn> matches = [];
        int used = 0;
        if (parts.Count > 1)
        {
            matches = Match(scope.Columns.Where(c => c.Qualifier is not null && string.Equals(c.Qualifier, parts[0], StringComparison.OrdinalIgnoreCase)), parts[1]);
            used = 2;
        }
        if (matches.Count == 0)
        {
            matches = Match(scope.Columns.Where(c => !c.Hidden), parts[0]);
            used = 1;
        }
        if (matches.Count == 0)
        {
            var known = scope.Columns.Where(c => !c.Hidden).Select(c => c.Name)
                .Concat(scope.Columns.Where(c => c.Qualifier is not null).Select(c => $"{c.Qualifier}.{c.Name}"));
            throw new AnalysisException($"Column '{string.Join(".", parts)}' at {n.At} does not exist. Columns: {Suggestions.Closest(string.Join(".", parts), known)}.");
        }
        if (matches.Count > 1)
            throw new AnalysisException($"Column '{string.Join(".", parts.Take(used))}' at {n.At} is ambiguous: it could be {string.Join(" or ", matches.Select(m => m.Qualifier is null ? m.Name : $"{m.Qualifier}.{m.Name}"))}. Qualify it with a table alias.");
        Expr expr = new ColumnRef(matches[0].Internal);
        var path = matches[0].Name;
        var type = scope.Frame.Schema[matches[0].Internal].DataType;
        foreach (var part in parts.Skip(used))
        {
            if (type is not StructType st)
                throw new AnalysisException($"Cannot read field '{part}' of '{path}' at {n.At}: it is {type.SimpleString}, not a struct.");
            var field = st.FieldNames.FirstOrDefault(f => f == part) ?? st.FieldNames.FirstOrDefault(f => string.Equals(f, part, StringComparison.OrdinalIgnoreCase))
                ?? throw new AnalysisException($"No field '{part}' in '{path}' at {n.At}. Fields: {Suggestions.Closest(part, st.FieldNames)}.");
            path = $"{path}.{field}";
            expr = new FieldExpr(expr, field, path);
            type = st[field].DataType;
        }
        return expr;
    }

    /// <summary>Columns named <paramref name="name"/>: exact matches when there are any, else case-insensitive ones.</summary>
    private static List<ScopeColumn> Match(IEnumerable<ScopeColumn> columns, string name)
    {
        var list = columns.ToList();
        var exact = list.Where(c => c.Name == name).ToList();
        return exact.Count > 0 ? exact : list.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
