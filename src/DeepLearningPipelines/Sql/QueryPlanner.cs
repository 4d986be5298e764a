using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames;
using DeepLearningPipelines.Frames.Expressions;
using DeepLearningPipelines.Vision.Sources;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// Lowers a parsed query onto DataFrame operations — the same plans a DataFrame program builds — in SQL's order:
/// FROM and joins, WHERE, GROUP BY and aggregates, HAVING, the SELECT projection, DISTINCT, set operations, ORDER BY,
/// LIMIT. Every column gets a unique internal name, so names that repeat across joined tables stay distinct; the
/// result is renamed to the names SQL gives at the end.
/// </summary>
internal sealed class QueryPlanner(StatementContext context)
{
    private DlpSession Session => context.Session;

    /// <summary>The result of a top-level query, its columns named as SQL names them.</summary>
    public DataFrame PlanTop(QuerySyntax query)
    {
        var rel = PlanQuery(query, null);
        var visible = rel.Columns.Where(c => !c.Hidden).ToList();
        if (visible.Select(c => c.Name).SequenceEqual(rel.Frame.Columns)) return rel.Frame;
        return rel.Frame.Select(visible.Select(c => new Column(new AliasExpr(new ColumnRef(c.Internal), c.Name))).ToArray());
    }

    private Relation PlanQuery(QuerySyntax q, CteScope? ctes)
    {
        foreach (var (name, body) in q.With) ctes = new CteScope(name, body, ctes);
        var rel = q.Body is SelectSyntax s ? PlanSelect(s, q.OrderBy, ctes) : SortOutputs(PlanBody(q.Body, ctes), q.OrderBy);
        if (q.Limit is not null)
        {
            if (q.Limit is not LiteralSyntax { Value: int or long } limit || Convert.ToInt64(limit.Value) < 0 || Convert.ToInt64(limit.Value) > int.MaxValue)
                throw new AnalysisException($"LIMIT at {q.Limit.At} must be a non-negative integer constant.");
            rel.Frame = rel.Frame.Limit(Convert.ToInt32(((LiteralSyntax)q.Limit).Value));
        }
        return rel;
    }

    private Relation PlanBody(QueryBodySyntax body, CteScope? ctes) => body switch
    {
        SelectSyntax s => PlanSelect(s, [], ctes),
        NestedQuerySyntax n => PlanQuery(n.Query, ctes),
        SetOperationSyntax op => SetOperation(op, PlanBody(op.Left, ctes), PlanBody(op.Right, ctes)),
        _ => throw new InvalidOperationException(body.GetType().Name),
    };

    private static Relation SetOperation(SetOperationSyntax op, Relation left, Relation right)
    {
        int l = left.Columns.Count, r = right.Columns.Count;
        if (l != r)
            throw new AnalysisException($"{op.Op} at {op.At} needs the same number of columns on both sides, but the left has {l} ({string.Join(", ", left.Columns.Select(c => c.Name))}) and the right {r} ({string.Join(", ", right.Columns.Select(c => c.Name))}).");
        DataFrame Only(Relation rel) => rel.Frame.Select(rel.Columns.Select(c => new Column(new ColumnRef(c.Internal))).ToArray());
        var (a, b) = (Only(left), Only(right));
        var frame = (op.Op, op.All) switch
        {
            ("UNION", true) => a.Union(b),
            ("UNION", false) => a.Union(b).Distinct(),
            ("INTERSECT", true) => a.IntersectAll(b),
            ("INTERSECT", false) => a.Intersect(b),
            (_, true) => a.ExceptAll(b),
            _ => a.Except(b),
        };
        return new Relation(frame, left.Columns.Select(c => c with { Qualifier = null }).ToList());
    }

    /// <summary>ORDER BY over a set operation's result: output names or positions only.</summary>
    private Relation SortOutputs(Relation rel, IReadOnlyList<OrderItemSyntax> order)
    {
        if (order.Count == 0) return rel;
        var keys = order.Select(o => SortKey(o, OutputIndex(o.Expr, rel.Columns) is { } i
            ? new ColumnRef(rel.Columns[i].Internal)
            : new ExpressionBinder(context, rel, "ORDER BY").Bind(o.Expr))).ToArray();
        rel.Frame = rel.Frame.OrderBy(keys);
        return rel;
    }

    private static Column SortKey(OrderItemSyntax o, Expr e) => new(new SortOrderExpr(e, o.Ascending, o.NullsFirst));

    /// <summary>The output an ORDER BY item names: a position (<c>ORDER BY 2</c>) or an output column's name.</summary>
    private static int? OutputIndex(SqlExpr e, IReadOnlyList<ScopeColumn> outputs)
    {
        if (e is LiteralSyntax { Value: int position })
            return position >= 1 && position <= outputs.Count ? position - 1
                : throw new AnalysisException($"ORDER BY position {position} at {e.At} is not in the select list (1 to {outputs.Count}).");
        if (e is NameSyntax { Parts.Count: 1 } n)
        {
            var matches = Enumerable.Range(0, outputs.Count).Where(i => string.Equals(outputs[i].Name, n.Parts[0], StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 0) return matches[0];
        }
        return null;
    }

    // ----- SELECT -----

    private Relation PlanSelect(SelectSyntax s, IReadOnlyList<OrderItemSyntax> order, CteScope? ctes)
    {
        var input = s.From is null ? Unit() : PlanRelation(s.From, ctes);
        if (s.Where is not null) input = Where(input, s.Where, ctes);
        bool aggregate = s.GroupBy.Count > 0 || s.Having is not null || s.Items.Any(i => ContainsAggregate(i.Expr));
        return aggregate ? PlanAggregate(s, input, order) : PlanProjection(s, input, order);
    }

    /// <summary>One row and no columns: the input of a SELECT without FROM.</summary>
    private Relation Unit() => new(Session.Range(0, 1, 1), []);

    private Relation PlanProjection(SelectSyntax s, Relation input, IReadOnlyList<OrderItemSyntax> order)
    {
        var binder = new ExpressionBinder(context, input, "SELECT");
        var items = new List<(Expr Expr, string Name)>();
        foreach (var item in s.Items)
        {
            if (item.Expr is StarSyntax star) items.AddRange(Expand(star, input));
            else items.Add((binder.Bind(item.Expr), item.Alias ?? OutputName(item.Expr, input)));
        }
        var sortKeys = BindSortKeys(order, items, new ExpressionBinder(context, input, "ORDER BY"));
        return Finish(s, input.Frame, items, order, o => sortKeys[o]);
    }

    /// <summary>The ORDER BY items that are not outputs, bound before the projection (a model function among them changes the input's plan).</summary>
    private static Dictionary<OrderItemSyntax, Expr> BindSortKeys(IReadOnlyList<OrderItemSyntax> order, List<(Expr Expr, string Name)> items, ExpressionBinder binder)
    {
        var outputs = items.Select(i => new ScopeColumn(null, i.Name, "")).ToList();
        var keys = new Dictionary<OrderItemSyntax, Expr>(ReferenceEqualityComparer.Instance);
        foreach (var o in order)
            if (OutputIndex(o.Expr, outputs) is null) keys[o] = binder.Bind(o.Expr);
        return keys;
    }

    private Relation PlanAggregate(SelectSyntax s, Relation input, IReadOnlyList<OrderItemSyntax> order)
    {
        var plain = new ExpressionBinder(context, input, "GROUP BY");
        var keys = new List<(Expr Expr, string Internal)>();
        foreach (var g in s.GroupBy)
        {
            var target = g switch
            {
                LiteralSyntax { Value: int position } => position >= 1 && position <= s.Items.Count && s.Items[position - 1].Expr is not StarSyntax
                    ? s.Items[position - 1].Expr
                    : throw new AnalysisException($"GROUP BY position {position} at {g.At} is not in the select list (1 to {s.Items.Count})."),
                NameSyntax { Parts.Count: 1 } n when !Resolves(n, input) && s.Items.FirstOrDefault(i => string.Equals(i.Alias, n.Parts[0], StringComparison.OrdinalIgnoreCase)) is { } aliased => aliased.Expr,
                _ => g,
            };
            if (ContainsAggregate(target)) throw new AnalysisException($"GROUP BY at {g.At} cannot contain an aggregate function.");
            keys.Add((plain.Bind(target), context.Names.Fresh("_key")));
        }
        var aggregates = new List<(Expr Expr, string Internal)>();
        Expr? Intercept(SqlExpr e)
        {
            if (e is CallSyntax c && BuiltinFunctions.IsAggregate(c.Name) && !Session.Udf.TryGet(c.Name, out _))
            {
                var args = c.Star ? [] : c.Args.Select(new ExpressionBinder(context, input, $"the argument of {c.Name}").Bind).ToArray();
                var agg = c.Star
                    ? (c.Name.Equals("count", StringComparison.OrdinalIgnoreCase) ? Functions.Count("*").Expr : throw new AnalysisException($"{c.Name}(*) at {c.At}: only count takes *."))
                    : BuiltinFunctions.Aggregate(c.Name, new FunctionArgs(c.Name, c.Args, args), c.Distinct);
                int found = aggregates.FindIndex(a => a.Expr.Name == agg.Name);
                if (found < 0) { aggregates.Add((agg, context.Names.Fresh("_agg"))); found = aggregates.Count - 1; }
                return new ColumnRef(aggregates[found].Internal);
            }
            if (e is LiteralSyntax || ContainsAggregate(e)) return null;
            Expr lowered;
            try { lowered = plain.Bind(e); }
            catch (AnalysisException) when (e is not NameSyntax) { return null; }
            int key = keys.FindIndex(k => k.Expr.Name == lowered.Name);
            if (key >= 0) return new ColumnRef(keys[key].Internal);
            if (e is NameSyntax or StarSyntax)
                throw new AnalysisException($"Column '{OutputNames.Of(e)}' at {e.At} is neither in GROUP BY nor inside an aggregate function; add it to GROUP BY or wrap it in one (first(), max(), …).");
            return null;
        }
        var binder = new ExpressionBinder(context, input, "SELECT", Intercept);
        var items = new List<(Expr Expr, string Name)>();
        foreach (var item in s.Items)
        {
            if (item.Expr is StarSyntax star) throw new AnalysisException($"'{OutputNames.Of(star)}' at {star.At} cannot be selected in an aggregate query; list the GROUP BY columns.");
            items.Add((binder.Bind(item.Expr), item.Alias ?? OutputName(item.Expr, input)));
        }
        Expr? having = null;
        if (s.Having is not null)
        {
            var havingBinder = new ExpressionBinder(context, input, "HAVING", e =>
                e is NameSyntax { Parts.Count: 1 } n && !Resolves(n, input) && items.FindIndex(i => string.Equals(i.Name, n.Parts[0], StringComparison.OrdinalIgnoreCase)) is var i and >= 0
                    ? items[i].Expr
                    : Intercept(e));
            having = havingBinder.Bind(s.Having);
        }
        var sortKeys = BindSortKeys(order, items, new ExpressionBinder(context, input, "ORDER BY", Intercept));
        var grouped = input.Frame.GroupBy(keys.Select(k => new Column(new AliasExpr(k.Expr, k.Internal))).ToArray())
            .Agg(aggregates.Select(a => new Column(new AliasExpr(a.Expr, a.Internal))).ToArray());
        if (having is not null) grouped = grouped.Filter(new Column(having));
        return Finish(s, grouped, items, order, o => sortKeys[o]);
    }

    /// <summary>
    /// The projection, DISTINCT, and ORDER BY: sort keys that are not outputs are computed as extra columns of the
    /// projection, sorted on, then dropped.
    /// </summary>
    private Relation Finish(SelectSyntax s, DataFrame frame, List<(Expr Expr, string Name)> items, IReadOnlyList<OrderItemSyntax> order, Func<OrderItemSyntax, Expr> bindOrder)
    {
        var outputs = items.Select(i => new ScopeColumn(null, i.Name, context.Names.Fresh(i.Name))).ToList();
        var projection = items.Select((item, k) => new Column(new AliasExpr(item.Expr, outputs[k].Internal))).ToList();
        var sort = new List<Column>();
        foreach (var o in order)
        {
            if (OutputIndex(o.Expr, outputs) is { } i) { sort.Add(SortKey(o, new ColumnRef(outputs[i].Internal))); continue; }
            if (s.Distinct)
                throw new AnalysisException($"ORDER BY '{OutputNames.Of(o.Expr)}' at {o.Expr.At}: with SELECT DISTINCT, ORDER BY may only use selected columns.");
            var hidden = context.Names.Fresh("_sort");
            projection.Add(new Column(new AliasExpr(bindOrder(o), hidden)));
            sort.Add(SortKey(o, new ColumnRef(hidden)));
        }
        var result = frame.Select(projection.ToArray());
        if (s.Distinct) result = result.Distinct();
        if (sort.Count > 0) result = result.OrderBy(sort.ToArray());
        if (projection.Count > outputs.Count) result = result.Select(outputs.Select(c => new Column(new ColumnRef(c.Internal))).ToArray());
        return new Relation(result, outputs);
    }

    private static IEnumerable<(Expr, string)> Expand(StarSyntax star, Relation input)
    {
        if (star.Qualifier.Count == 0)
            return input.Columns.Where(c => !c.Hidden).Select(c => ((Expr)new ColumnRef(c.Internal), c.Name));
        if (star.Qualifier.Count == 1)
        {
            var qualified = input.Columns.Where(c => string.Equals(c.Qualifier, star.Qualifier[0], StringComparison.OrdinalIgnoreCase)).ToList();
            if (qualified.Count > 0) return qualified.Select(c => ((Expr)new ColumnRef(c.Internal), c.Name));
        }
        var structExpr = ExpressionBinder.Resolve(new NameSyntax(star.At, star.Qualifier), input);
        if (structExpr.ResolveType(input.Frame.Schema) is not StructType st)
            throw new AnalysisException($"'{OutputNames.Of(star)}' at {star.At}: {string.Join(".", star.Qualifier)} is neither a table alias nor a struct column.");
        return st.FieldNames.Select(f => ((Expr)new FieldExpr(structExpr, f, $"{structExpr.Name}.{f}"), f));
    }

    // ----- WHERE, with IN (SELECT …) as semi and anti joins -----

    private Relation Where(Relation input, SqlExpr where, CteScope? ctes)
    {
        if (ContainsAggregate(where)) throw new AnalysisException($"WHERE at {where.At} cannot contain aggregate functions; use HAVING.");
        var rest = new List<SqlExpr>();
        foreach (var conjunct in Conjuncts(where))
        {
            if (conjunct is not InQuerySyntax iq) { rest.Add(conjunct); continue; }
            var sub = PlanQuery(iq.Query, ctes);
            if (sub.Columns.Count != 1)
                throw new AnalysisException($"The subquery of IN at {iq.At} must return one column but returns {sub.Columns.Count}.");
            var value = new ExpressionBinder(context, input, "WHERE").Bind(iq.Operand);
            Expr right = new ColumnRef(sub.Columns[0].Internal);
            Expr condition = new ComparisonExpr("=", value, right);
            // NOT IN is null-aware, as in Spark: a null on either side removes the row.
            if (iq.Not) condition = new LogicalExpr("OR", condition, new LogicalExpr("ISNULL", condition, null));
            input.Frame = input.Frame.Join(sub.Frame, new Column(condition), iq.Not ? "left_anti" : "left_semi");
        }
        if (rest.Count == 0) return input;
        var cond = new ExpressionBinder(context, input, "WHERE").Bind(rest.Aggregate((a, b) => new BinarySyntax(a.At, "AND", a, b)));
        input.Frame = input.Frame.Filter(new Column(cond));
        return input;
    }

    private static IEnumerable<SqlExpr> Conjuncts(SqlExpr e) =>
        e is BinarySyntax { Op: "AND" } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [e];

    // ----- FROM -----

    private Relation PlanRelation(RelationSyntax r, CteScope? ctes) => r switch
    {
        TableSyntax t => Table(t, ctes),
        SubqueryRelationSyntax q => PlanQuery(q.Query, ctes).Requalify(q.Alias),
        FileRelationSyntax f => FromFrame(ReadFile(f), f.Alias),
        JoinSyntax j => Join(j, PlanRelation(j.Left, ctes), PlanRelation(j.Right, ctes)),
        _ => throw new InvalidOperationException(r.GetType().Name),
    };

    private Relation Table(TableSyntax t, CteScope? ctes)
    {
        if (CteScope.Find(ctes, t.Name) is { } cte) return PlanQuery(cte.Query, cte.Scope).Requalify(t.Alias ?? t.Name);
        if (!Session.Catalog.TryGet(t.Name, out var frame))
        {
            var names = Session.Catalog.ListTables().Concat(CteNames(ctes));
            throw new AnalysisException($"Table or view '{t.Name}' not found at {t.At}. Views: {Suggestions.Closest(t.Name, names)}; register one with CreateOrReplaceTempView, or read a file with parquet.`path`, csv.`path` or image.`dir`.");
        }
        return FromFrame(frame, t.Alias ?? t.Name);
    }

    private static IEnumerable<string> CteNames(CteScope? ctes)
    {
        for (var s = ctes; s is not null; s = s.Previous) yield return s.Name;
    }

    /// <summary>A DataFrame as a relation: each column gets an internal name, renamed only when the name is taken.</summary>
    private Relation FromFrame(DataFrame frame, string? qualifier)
    {
        var columns = frame.Columns.Select(n => new ScopeColumn(qualifier, n, context.Names.Fresh(n))).ToList();
        if (columns.Any(c => c.Name != c.Internal))
            frame = frame.Select(columns.Select(c => new Column(new AliasExpr(new ColumnRef(c.Name), c.Internal))).ToArray());
        return new Relation(frame, columns);
    }

    /// <summary>Spark's file sources with their default options (CSV: no header, every column a string named _c0, _c1, …).</summary>
    private DataFrame ReadFile(FileRelationSyntax f) => f.Format switch
    {
        "parquet" => Session.Read().Parquet(f.Path),
        "csv" => Session.Read().Csv(f.Path),
        "image" => Session.ReadImages(f.Path),
        _ => throw new AnalysisException($"{f.Format}.`path` at {f.At}: this engine has no {f.Format} reader; use parquet, csv or image."),
    };

    private Relation Join(JoinSyntax j, Relation left, Relation right)
    {
        if (j.Using.Count > 0) return JoinUsing(j, left, right);
        var columns = left.Columns.Concat(right.Columns).ToList();
        if (j.On is null) return new Relation(left.Frame.CrossJoin(right.Frame), columns);
        if (ContainsAggregate(j.On)) throw new AnalysisException($"The join condition at {j.On.At} cannot contain aggregate functions.");
        var both = new Relation(left.Frame.CrossJoin(right.Frame), columns);
        var condition = new ExpressionBinder(context, both, "ON").Bind(j.On);
        var frame = left.Frame.Join(right.Frame, new Column(condition), j.How);
        return new Relation(frame, j.How is "left_semi" or "left_anti" ? left.Columns.ToList() : columns);
    }

    /// <summary>
    /// <c>JOIN … USING (k)</c>: an equi-join, then Spark's layout — each key once (the left's, the right's for a right
    /// join, the first non-null for a full join), then the other columns; <c>l.k</c> and <c>r.k</c> stay reachable.
    /// </summary>
    private Relation JoinUsing(JoinSyntax j, Relation left, Relation right)
    {
        ScopeColumn Key(Relation side, string name, string which)
        {
            var found = side.Columns.Where(c => !c.Hidden && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            return found.Count == 1 ? found[0]
                : throw new AnalysisException($"USING column '{name}' at {j.At} {(found.Count == 0 ? "does not exist" : "is ambiguous")} on the {which} side. Its columns: {Suggestions.Closest(name, side.Columns.Where(c => !c.Hidden).Select(c => c.Name))}.");
        }
        var keys = j.Using.Select(k => (Left: Key(left, k, "left"), Right: Key(right, k, "right"))).ToList();
        Expr condition = keys.Select(k => (Expr)new ComparisonExpr("=", new ColumnRef(k.Left.Internal), new ColumnRef(k.Right.Internal)))
            .Aggregate((a, b) => new LogicalExpr("AND", a, b));
        var joined = left.Frame.Join(right.Frame, new Column(condition), j.How);
        if (j.How is "left_semi" or "left_anti") return new Relation(joined, left.Columns.ToList());
        var leftKeys = keys.Select(k => k.Left).ToHashSet();
        var rightKeys = keys.Select(k => k.Right).ToHashSet();
        var output = new List<(Expr Expr, ScopeColumn Column)>();
        foreach (var (l, r) in keys)
        {
            Expr value = j.How switch
            {
                "right" => new ColumnRef(r.Internal),
                "full" => Functions.Coalesce(new Column(new ColumnRef(l.Internal)), new Column(new ColumnRef(r.Internal))).Expr,
                _ => new ColumnRef(l.Internal),
            };
            output.Add((value, new ScopeColumn(null, l.Name, context.Names.Fresh(l.Name))));
        }
        foreach (var c in left.Columns.Where(c => !leftKeys.Contains(c)).Concat(right.Columns.Where(c => !rightKeys.Contains(c))))
            output.Add((new ColumnRef(c.Internal), c));
        foreach (var c in leftKeys.Concat(rightKeys)) output.Add((new ColumnRef(c.Internal), c with { Hidden = true }));
        var frame = joined.Select(output.Select(o => new Column(new AliasExpr(o.Expr, o.Column.Internal))).ToArray());
        return new Relation(frame, output.Select(o => o.Column).ToList());
    }

    // ----- helpers -----

    /// <summary>An unaliased item's name: a column or field under its own spelling (names match in any case), else the expression's text.</summary>
    private static string OutputName(SqlExpr e, Relation input)
    {
        if (e is not NameSyntax n || !Resolves(n, input)) return OutputNames.Of(e);
        return ExpressionBinder.Resolve(n, input) switch
        {
            ColumnRef r => input.Columns.First(c => c.Internal == r.Column).Name,
            FieldExpr f => f.Field,
            _ => OutputNames.Of(e),
        };
    }

    private bool ContainsAggregate(SqlExpr e) => e switch
    {
        CallSyntax c when BuiltinFunctions.IsAggregate(c.Name) && !Session.Udf.TryGet(c.Name, out _) => true,
        CallSyntax c => c.Args.Any(ContainsAggregate),
        UnarySyntax u => ContainsAggregate(u.Operand),
        BinarySyntax b => ContainsAggregate(b.Left) || ContainsAggregate(b.Right),
        CaseSyntax c => (c.Operand is not null && ContainsAggregate(c.Operand)) || c.Branches.Any(b => ContainsAggregate(b.When) || ContainsAggregate(b.Then)) || (c.Else is not null && ContainsAggregate(c.Else)),
        CastSyntax c => ContainsAggregate(c.Operand),
        InListSyntax i => ContainsAggregate(i.Operand) || i.Values.Any(ContainsAggregate),
        InQuerySyntax i => ContainsAggregate(i.Operand),
        BetweenSyntax b => ContainsAggregate(b.Operand) || ContainsAggregate(b.Low) || ContainsAggregate(b.High),
        LikeSyntax l => ContainsAggregate(l.Operand),
        IsNullSyntax n => ContainsAggregate(n.Operand),
        SubscriptSyntax s => ContainsAggregate(s.Operand),
        _ => false,
    };

    private static bool Resolves(NameSyntax n, Relation scope)
    {
        try { ExpressionBinder.Resolve(n, scope); return true; }
        catch (AnalysisException) { return false; }
    }
}
