namespace DeepLearningPipelines.Sql;

/// <summary>The kinds of SQL token.</summary>
internal enum TokenKind
{
    /// <summary>A word: a keyword or an unquoted identifier (kept as written).</summary>
    Word,

    /// <summary>A backquoted identifier (backquotes removed, doubled backquotes undone).</summary>
    QuotedIdentifier,

    /// <summary>A string literal in single or double quotes (escapes undone).</summary>
    String,

    /// <summary>A number literal as written (digits, point, exponent, optional L/D suffix).</summary>
    Number,

    /// <summary>An operator or punctuation: <c>( ) , . ; * + - / % = == != &lt;&gt; &lt; &lt;= &gt; &gt;= &lt;=&gt; || [ ]</c>.</summary>
    Symbol,

    End,
}

/// <summary>One token with its 1-based line and column in the query text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    /// <summary>True when this is the keyword <paramref name="keyword"/> (any case; never a quoted identifier).</summary>
    public bool Is(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this is the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;

    /// <summary>How the token is shown in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the query",
        TokenKind.String => $"string '{Text}'",
        TokenKind.QuotedIdentifier => $"`{Text}`",
        _ => $"'{Text}'",
    };
}
