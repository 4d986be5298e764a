using System.Globalization;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// A recursive-descent parser for the Spark SQL subset in docs/sql.md: one method per grammar rule, precedence by
/// call depth (OR, AND, NOT, predicates, <c>+ - ||</c>, <c>* / % DIV</c>, unary, postfix). Errors name the position,
/// the token found and what was expected there.
/// </summary>
internal sealed class SqlParser
{
    /// <summary>Words that end an expression or relation, so they never become an alias without AS.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ALL", "AND", "ANTI", "AS", "ASC", "BETWEEN", "BY", "CASE", "CAST", "CROSS", "DESC", "DISTINCT", "DIV", "ELSE", "END",
        "EXCEPT", "FALSE", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER", "INTERSECT", "IS", "JOIN", "LEFT", "LIKE", "LIMIT",
        "MINUS", "NATURAL", "NOT", "NULL", "NULLS", "ON", "OR", "ORDER", "OUTER", "RIGHT", "RLIKE", "REGEXP", "SELECT", "SEMI",
        "THEN", "TRUE", "UNION", "USING", "WHEN", "WHERE", "WITH",
    };

    private readonly List<Token> _tokens;
    private int _pos;

    private SqlParser(string text) => _tokens = SqlLexer.Tokenize(text);

    /// <summary>Parses one statement (a trailing <c>;</c> is allowed).</summary>
    public static StatementSyntax ParseStatement(string text)
    {
        var parser = new SqlParser(text);
        var statement = parser.Statement();
        if (parser.Peek.IsSymbol(";")) parser._pos++;
        parser.ExpectEnd();
        return statement;
    }

    private Token Peek => _tokens[_pos];
    private Token PeekAt(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];
    private static Position At(Token t) => new(t.Line, t.Column);

    private Token Next() => _tokens[_pos++];

    private bool Accept(string keyword)
    {
        if (!Peek.Is(keyword)) return false;
        _pos++;
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!Peek.IsSymbol(symbol)) return false;
        _pos++;
        return true;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword)) throw Error($"{keyword.ToUpperInvariant()}");
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol)) throw Error($"'{symbol}'");
    }

    private void ExpectEnd()
    {
        if (Peek.Kind != TokenKind.End) throw Error("the end of the query (or UNION, ORDER BY, LIMIT…)");
    }

    private SqlParseException Error(string expected) => new($"expected {expected} but found {Peek.Describe()}.", Peek.Line, Peek.Column);

    // ----- statements -----

    private StatementSyntax Statement()
    {
        if (Peek.Is("CREATE"))
        {
            _pos++;
            bool replace = false;
            if (Accept("OR")) { Expect("REPLACE"); replace = true; }
            if (!Accept("TEMP")) Expect("TEMPORARY");
            Expect("VIEW");
            var name = Identifier("a view name");
            Expect("AS");
            return new CreateViewStatement(name, replace, Query());
        }
        if (Peek.Is("DROP"))
        {
            _pos++;
            Expect("VIEW");
            bool ifExists = false;
            if (Accept("IF")) { Expect("EXISTS"); ifExists = true; }
            return new DropViewStatement(Identifier("a view name"), ifExists);
        }
        if (Peek.Is("SHOW"))
        {
            _pos++;
            if (!Accept("TABLES")) Expect("VIEWS");
            return new ShowTablesStatement();
        }
        if (!Peek.Is("SELECT") && !Peek.Is("WITH") && !Peek.IsSymbol("("))
            throw Error("SELECT, WITH, CREATE TEMPORARY VIEW, DROP VIEW or SHOW TABLES");
        return new QueryStatement(Query());
    }

    // ----- queries -----

    private QuerySyntax Query()
    {
        var with = new List<(string, QuerySyntax)>();
        if (Accept("WITH"))
        {
            do
            {
                var name = Identifier("a CTE name");
                Expect("AS");
                ExpectSymbol("(");
                with.Add((name, Query()));
                ExpectSymbol(")");
            } while (AcceptSymbol(","));
        }
        var body = SetOperations();
        var order = new List<OrderItemSyntax>();
        if (Accept("ORDER"))
        {
            Expect("BY");
            do order.Add(OrderItem()); while (AcceptSymbol(","));
        }
        SqlExpr? limit = null;
        if (Accept("LIMIT")) limit = Expression();
        return new QuerySyntax(with, body, order, limit);
    }

    private OrderItemSyntax OrderItem()
    {
        var e = Expression();
        bool asc = true;
        if (Accept("DESC")) asc = false;
        else Accept("ASC");
        bool? nullsFirst = null;
        if (Accept("NULLS"))
        {
            if (Accept("FIRST")) nullsFirst = true;
            else if (Accept("LAST")) nullsFirst = false;
            else throw Error("FIRST or LAST");
        }
        return new OrderItemSyntax(e, asc, nullsFirst);
    }

    /// <summary>UNION and EXCEPT bind left to right; INTERSECT binds tighter, as in Spark.</summary>
    private QueryBodySyntax SetOperations()
    {
        var left = IntersectOperations();
        while (Peek.Is("UNION") || Peek.Is("EXCEPT") || Peek.Is("MINUS"))
        {
            var op = Next();
            bool all = SetQuantifier();
            left = new SetOperationSyntax(At(op), op.Is("UNION") ? "UNION" : "EXCEPT", all, left, IntersectOperations());
        }
        return left;
    }

    private QueryBodySyntax IntersectOperations()
    {
        var left = QueryPrimary();
        while (Peek.Is("INTERSECT"))
        {
            var op = Next();
            bool all = SetQuantifier();
            left = new SetOperationSyntax(At(op), "INTERSECT", all, left, QueryPrimary());
        }
        return left;
    }

    private bool SetQuantifier()
    {
        if (Accept("ALL")) return true;
        Accept("DISTINCT");
        return false;
    }

    private QueryBodySyntax QueryPrimary()
    {
        if (Peek.IsSymbol("("))
        {
            var at = At(Next());
            var q = Query();
            ExpectSymbol(")");
            return new NestedQuerySyntax(at, q);
        }
        if (!Peek.Is("SELECT")) throw Error("SELECT or '('");
        return Select();
    }

    private SelectSyntax Select()
    {
        var at = At(Next());
        bool distinct = Accept("DISTINCT");
        if (!distinct) Accept("ALL");
        var items = new List<SelectItemSyntax>();
        do items.Add(SelectItem()); while (AcceptSymbol(","));
        RelationSyntax? from = null;
        if (Accept("FROM"))
        {
            from = JoinedRelation();
            while (Peek.IsSymbol(","))
            {
                var comma = Next();
                from = new JoinSyntax(At(comma), from, JoinedRelation(), "cross", null, []);
            }
        }
        SqlExpr? where = Accept("WHERE") ? Expression() : null;
        var groupBy = new List<SqlExpr>();
        if (Accept("GROUP"))
        {
            Expect("BY");
            do groupBy.Add(Expression()); while (AcceptSymbol(","));
        }
        SqlExpr? having = Accept("HAVING") ? Expression() : null;
        return new SelectSyntax(at, distinct, items, from, where, groupBy, having);
    }

    private SelectItemSyntax SelectItem()
    {
        var e = Expression();
        return new SelectItemSyntax(e, e is StarSyntax ? null : Alias());
    }

    /// <summary>An optional alias: <c>AS name</c>, or a bare name that is not a reserved word.</summary>
    private string? Alias()
    {
        if (Accept("AS")) return Identifier("an alias");
        if (Peek.Kind == TokenKind.QuotedIdentifier || (Peek.Kind == TokenKind.Word && !Reserved.Contains(Peek.Text))) return Next().Text;
        return null;
    }

    private string Identifier(string what)
    {
        if (Peek.Kind == TokenKind.QuotedIdentifier || (Peek.Kind == TokenKind.Word && !Reserved.Contains(Peek.Text))) return Next().Text;
        throw Error(what);
    }

    // ----- relations -----

    private RelationSyntax JoinedRelation()
    {
        var left = RelationPrimary();
        while (true)
        {
            var start = Peek;
            string? how = null;
            if (Peek.Is("NATURAL")) throw new SqlParseException("NATURAL JOIN is not supported; write JOIN … USING (columns).", start.Line, start.Column);
            if (Accept("CROSS")) how = "cross";
            else if (Accept("INNER")) how = "inner";
            else if (Accept("LEFT"))
            {
                how = Accept("SEMI") ? "left_semi" : Accept("ANTI") ? "left_anti" : "left";
                if (how == "left") Accept("OUTER");
            }
            else if (Accept("RIGHT")) { Accept("OUTER"); how = "right"; }
            else if (Accept("FULL")) { Accept("OUTER"); how = "full"; }
            else if (Accept("SEMI")) how = "left_semi";
            else if (Accept("ANTI")) how = "left_anti";
            if (how is null && !Peek.Is("JOIN")) return left;
            Expect("JOIN");
            var right = RelationPrimary();
            how ??= "inner";
            if (Accept("ON")) left = new JoinSyntax(At(start), left, right, how, Expression(), []);
            else if (Accept("USING"))
            {
                ExpectSymbol("(");
                var cols = new List<string>();
                do cols.Add(Identifier("a column name")); while (AcceptSymbol(","));
                ExpectSymbol(")");
                left = new JoinSyntax(At(start), left, right, how, null, cols);
            }
            else if (how is "cross" or "inner") left = new JoinSyntax(At(start), left, right, "cross", null, []);
            else throw Error("ON or USING");
        }
    }

    private RelationSyntax RelationPrimary()
    {
        var start = Peek;
        if (AcceptSymbol("("))
        {
            if (!Peek.Is("SELECT") && !Peek.Is("WITH") && !Peek.IsSymbol("("))
            {
                var inner = JoinedRelation();
                ExpectSymbol(")");
                return inner;
            }
            var q = Query();
            ExpectSymbol(")");
            return new SubqueryRelationSyntax(At(start), q, Alias());
        }
        var name = Identifier("a table name, a subquery or a file source such as parquet.`path`");
        if (Peek.IsSymbol(".") && PeekAt(1).Kind == TokenKind.QuotedIdentifier && FileFormats.Contains(name))
        {
            _pos++;
            var path = Next().Text;
            return new FileRelationSyntax(At(start), name.ToLowerInvariant(), path, Alias());
        }
        if (Peek.IsSymbol("."))
            throw new SqlParseException($"'{name}.…' is not a known source: use a view name, or one of {string.Join(", ", FileFormats.Select(f => f + ".`path`"))}.", start.Line, start.Column);
        return new TableSyntax(At(start), name, Alias());
    }

    /// <summary>The formats <c>format.`path`</c> may name.</summary>
    internal static readonly HashSet<string> FileFormats = new(StringComparer.OrdinalIgnoreCase) { "parquet", "csv", "json", "image" };

    // ----- expressions -----

    private SqlExpr Expression() => Or();

    private SqlExpr Or()
    {
        var left = And();
        while (Peek.Is("OR")) { var t = Next(); left = new BinarySyntax(At(t), "OR", left, And()); }
        return left;
    }

    private SqlExpr And()
    {
        var left = Not();
        while (Peek.Is("AND")) { var t = Next(); left = new BinarySyntax(At(t), "AND", left, Not()); }
        return left;
    }

    private SqlExpr Not()
    {
        if (Peek.Is("NOT")) { var t = Next(); return new UnarySyntax(At(t), "NOT", Not()); }
        return Predicate();
    }

    private static readonly string[] Comparisons = ["=", "==", "!=", "<>", "<", "<=", ">", ">=", "<=>"];

    private SqlExpr Predicate()
    {
        var left = Additive();
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.Symbol && Comparisons.Contains(t.Text))
            {
                _pos++;
                var op = t.Text switch { "==" => "=", "<>" => "!=", _ => t.Text };
                left = new BinarySyntax(At(t), op, left, Additive());
                continue;
            }
            if (t.Is("IS"))
            {
                _pos++;
                bool isNot = Accept("NOT");
                Expect("NULL");
                left = new IsNullSyntax(At(t), left, isNot);
                continue;
            }
            bool not = t.Is("NOT") && (PeekAt(1).Is("IN") || PeekAt(1).Is("BETWEEN") || PeekAt(1).Is("LIKE") || PeekAt(1).Is("RLIKE") || PeekAt(1).Is("REGEXP"));
            if (not) _pos++;
            if (Accept("IN"))
            {
                ExpectSymbol("(");
                if (Peek.Is("SELECT") || Peek.Is("WITH"))
                {
                    var q = Query();
                    ExpectSymbol(")");
                    left = new InQuerySyntax(At(t), left, q, not);
                    continue;
                }
                var values = new List<SqlExpr>();
                do values.Add(Expression()); while (AcceptSymbol(","));
                ExpectSymbol(")");
                left = new InListSyntax(At(t), left, values, not);
            }
            else if (Accept("BETWEEN"))
            {
                var low = Additive();
                Expect("AND");
                left = new BetweenSyntax(At(t), left, low, Additive(), not);
            }
            else if (Accept("LIKE")) left = new LikeSyntax(At(t), left, Additive(), not, Regex: false);
            else if (Accept("RLIKE") || Accept("REGEXP")) left = new LikeSyntax(At(t), left, Additive(), not, Regex: true);
            else if (not) throw Error("IN, BETWEEN, LIKE or RLIKE after NOT");
            else return left;
        }
    }

    private SqlExpr Additive()
    {
        var left = Multiplicative();
        while (Peek.IsSymbol("+") || Peek.IsSymbol("-") || Peek.IsSymbol("||"))
        {
            var t = Next();
            left = new BinarySyntax(At(t), t.Text, left, Multiplicative());
        }
        return left;
    }

    private SqlExpr Multiplicative()
    {
        var left = Unary();
        while (Peek.IsSymbol("*") || Peek.IsSymbol("/") || Peek.IsSymbol("%") || Peek.Is("DIV"))
        {
            var t = Next();
            left = new BinarySyntax(At(t), t.Kind == TokenKind.Word ? "DIV" : t.Text, left, Unary());
        }
        return left;
    }

    private SqlExpr Unary()
    {
        if (Peek.IsSymbol("-") || Peek.IsSymbol("+"))
        {
            var t = Next();
            if (t.Text == "-" && Peek.Kind == TokenKind.Number) return NumberLiteral(Next(), negate: true);
            var operand = Unary();
            return t.Text == "+" ? operand : new UnarySyntax(At(t), "-", operand);
        }
        return Postfix();
    }

    private SqlExpr Postfix()
    {
        var e = Primary();
        while (true)
        {
            if (Peek.IsSymbol("["))
            {
                var t = Next();
                var index = Expression();
                ExpectSymbol("]");
                e = new SubscriptSyntax(At(t), e, index, null);
            }
            else if (Peek.IsSymbol(".") && e is not NameSyntax)
            {
                var t = Next();
                e = new SubscriptSyntax(At(t), e, null, Identifier("a field name"));
            }
            else return e;
        }
    }

    private SqlExpr Primary()
    {
        var t = Peek;
        var at = At(t);
        switch (t.Kind)
        {
            case TokenKind.Number:
                _pos++;
                return NumberLiteral(t, negate: false);
            case TokenKind.String:
                _pos++;
                var text = t.Text;
                while (Peek.Kind == TokenKind.String) text += Next().Text; // adjacent literals concatenate, as in Spark
                return new LiteralSyntax(at, text, DataTypes.String);
            case TokenKind.Symbol when t.Text == "(":
                _pos++;
                if (Peek.Is("SELECT") || Peek.Is("WITH"))
                    throw new SqlParseException("scalar subqueries are not supported; use a join, or IN (SELECT …).", Peek.Line, Peek.Column);
                var inner = Expression();
                ExpectSymbol(")");
                return inner;
            case TokenKind.Symbol when t.Text == "*":
                _pos++;
                return new StarSyntax(at, []);
            case TokenKind.QuotedIdentifier:
                return Name();
            case TokenKind.Word:
                if (t.Is("NULL")) { _pos++; return new LiteralSyntax(at, null, DataTypes.String); }
                if (t.Is("TRUE") || t.Is("FALSE")) { _pos++; return new LiteralSyntax(at, t.Is("TRUE"), DataTypes.Boolean); }
                if (t.Is("CASE")) return Case();
                if (t.Is("CAST")) return Cast();
                if ((t.Is("DATE") || t.Is("TIMESTAMP")) && PeekAt(1).Kind == TokenKind.String) return TypedLiteral();
                if (PeekAt(1).IsSymbol("(") && !Reserved.Contains(t.Text)) return Call();
                if (Reserved.Contains(t.Text)) throw Error("an expression");
                return Name();
            default:
                throw Error("an expression");
        }
    }

    private SqlExpr Name()
    {
        var at = At(Peek);
        var parts = new List<string> { Next().Text };
        while (Peek.IsSymbol("."))
        {
            _pos++;
            if (AcceptSymbol("*")) return new StarSyntax(at, parts);
            parts.Add(Identifier("a column or field name"));
        }
        return new NameSyntax(at, parts);
    }

    private SqlExpr Call()
    {
        var name = Next();
        ExpectSymbol("(");
        if (AcceptSymbol("*"))
        {
            ExpectSymbol(")");
            return new CallSyntax(At(name), name.Text, [], false, true);
        }
        bool distinct = Accept("DISTINCT");
        if (!distinct) Accept("ALL");
        var args = new List<SqlExpr>();
        if (!Peek.IsSymbol(")"))
            do args.Add(Expression()); while (AcceptSymbol(","));
        ExpectSymbol(")");
        return new CallSyntax(At(name), name.Text, args, distinct, false);
    }

    private SqlExpr Case()
    {
        var at = At(Next());
        SqlExpr? operand = Peek.Is("WHEN") ? null : Expression();
        var branches = new List<(SqlExpr, SqlExpr)>();
        while (Accept("WHEN"))
        {
            var when = Expression();
            Expect("THEN");
            branches.Add((when, Expression()));
        }
        if (branches.Count == 0) throw Error("WHEN");
        SqlExpr? otherwise = Accept("ELSE") ? Expression() : null;
        Expect("END");
        return new CaseSyntax(at, operand, branches, otherwise);
    }

    private SqlExpr Cast()
    {
        var at = At(Next());
        ExpectSymbol("(");
        var operand = Expression();
        Expect("AS");
        var typeAt = Peek;
        var typeText = TypeName();
        ExpectSymbol(")");
        return new CastSyntax(at, operand, SqlTypes.Parse(typeText, typeAt.Line, typeAt.Column), typeText);
    }

    /// <summary>A type as written: <c>INT</c>, <c>VARCHAR(10)</c>, <c>DECIMAL(10, 2)</c>, <c>ARRAY&lt;DOUBLE&gt;</c>.</summary>
    private string TypeName()
    {
        if (Peek.Kind != TokenKind.Word) throw Error("a type name");
        var name = Next().Text;
        if (AcceptSymbol("<"))
        {
            var element = TypeName();
            ExpectSymbol(">");
            return $"{name}<{element}>";
        }
        if (AcceptSymbol("("))
        {
            var sizes = new List<string>();
            do
            {
                if (Peek.Kind != TokenKind.Number) throw Error("a number");
                sizes.Add(Next().Text);
            } while (AcceptSymbol(","));
            ExpectSymbol(")");
            return $"{name}({string.Join(",", sizes)})";
        }
        return name;
    }

    private SqlExpr TypedLiteral()
    {
        var kind = Next();
        var text = Next();
        var at = At(kind);
        if (kind.Is("DATE"))
        {
            if (DateOnly.TryParseExact(text.Text.Trim(), ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return new LiteralSyntax(at, d, DataTypes.Date);
            throw new SqlParseException($"invalid DATE literal '{text.Text}'; expected yyyy-MM-dd.", text.Line, text.Column);
        }
        if (DateTime.TryParse(text.Text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var ts))
            return new LiteralSyntax(at, DateTime.SpecifyKind(ts, DateTimeKind.Utc), DataTypes.Timestamp);
        throw new SqlParseException($"invalid TIMESTAMP literal '{text.Text}'; expected yyyy-MM-dd HH:mm:ss[.ffffff].", text.Line, text.Column);
    }

    /// <summary>
    /// Integers are int when they fit, else bigint; an <c>L</c> suffix makes bigint, <c>D</c> double. A point or exponent
    /// gives a double (Spark makes <c>1.5</c> a decimal; this engine has no decimal type).
    /// </summary>
    private static LiteralSyntax NumberLiteral(Token t, bool negate)
    {
        var text = negate ? "-" + t.Text : t.Text;
        var at = new Position(t.Line, t.Column);
        char suffix = char.ToUpperInvariant(text[^1]);
        if (suffix == 'D')
            return new LiteralSyntax(at, double.Parse(text[..^1], CultureInfo.InvariantCulture), DataTypes.Double);
        if (suffix == 'L')
            return long.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? new LiteralSyntax(at, l, DataTypes.Long)
                : throw new SqlParseException($"{text} does not fit a bigint.", t.Line, t.Column);
        if (text.IndexOfAny(['.', 'e', 'E']) >= 0)
            return new LiteralSyntax(at, double.Parse(text, CultureInfo.InvariantCulture), DataTypes.Double);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return new LiteralSyntax(at, i, DataTypes.Integer);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)) return new LiteralSyntax(at, big, DataTypes.Long);
        return new LiteralSyntax(at, double.Parse(text, CultureInfo.InvariantCulture), DataTypes.Double);
    }
}
