using System.Text;

namespace DeepLearningPipelines.Sql;

/// <summary>
/// Splits SQL text into tokens, as Spark's lexer: <c>--</c> line and <c>/* */</c> block comments are skipped,
/// strings take single or double quotes with backslash escapes, identifiers may be backquoted.
/// </summary>
internal static class SqlLexer
{
    private static readonly string[] Symbols = ["<=>", "<>", "<=", ">=", "!=", "==", "||", "(", ")", ",", ".", ";", "*", "+", "-", "/", "%", "=", "<", ">", "[", "]"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            SkipSpaceAndComments(text, ref i, ref line, ref lineStart);
            int col = i - lineStart + 1;
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, "", line, col));
                return tokens;
            }
            char c = text[i];
            if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Word, text[start..i], line, col));
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                tokens.Add(new Token(TokenKind.Number, Number(text, ref i, line, col), line, col));
            }
            else if (c == '`')
            {
                tokens.Add(new Token(TokenKind.QuotedIdentifier, Quoted(text, ref i, '`', line, col, ref line, ref lineStart, escapes: false), line, col));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(new Token(TokenKind.String, Quoted(text, ref i, c, line, col, ref line, ref lineStart, escapes: true), line, col));
            }
            else
            {
                var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                    ?? throw new SqlParseException($"unexpected character '{c}'.", line, col);
                tokens.Add(new Token(TokenKind.Symbol, symbol, line, col));
                i += symbol.Length;
            }
        }
    }

    private static void SkipSpaceAndComments(string text, ref int i, ref int line, ref int lineStart)
    {
        while (i < text.Length)
        {
            if (text[i] == '\n') { i++; line++; lineStart = i; }
            else if (char.IsWhiteSpace(text[i])) i++;
            else if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-')
                while (i < text.Length && text[i] != '\n') i++;
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int startLine = line, startCol = i - lineStart + 1;
                i += 2;
                while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    if (text[i] == '\n') { line++; lineStart = i + 1; }
                    i++;
                }
                if (i >= text.Length) throw new SqlParseException("the comment opened here with '/*' is not closed with '*/'.", startLine, startCol);
                i += 2;
            }
            else return;
        }
    }

    private static string Number(string text, ref int i, int line, int col)
    {
        int start = i;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.') { i++; while (i < text.Length && char.IsDigit(text[i])) i++; }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            int mark = i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            if (i < text.Length && char.IsDigit(text[i])) while (i < text.Length && char.IsDigit(text[i])) i++;
            else i = mark;
        }
        if (i < text.Length && text[i] is 'L' or 'l' or 'D' or 'd' && !(i + 1 < text.Length && (char.IsLetterOrDigit(text[i + 1]) || text[i + 1] == '_'))) i++;
        if (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
            throw new SqlParseException($"invalid number '{text[start..(i + 1)]}'; an identifier cannot start with a digit unless it is backquoted.", line, col);
        return text[start..i];
    }

    private static string Quoted(string text, ref int i, char quote, int line, int col, ref int curLine, ref int lineStart, bool escapes)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
                throw new SqlParseException(quote == '`' ? "the identifier opened here with ` is not closed." : $"the string opened here with {quote} is not closed.", line, col);
            char c = text[i];
            if (c == quote)
            {
                if (quote == '`' && i + 1 < text.Length && text[i + 1] == '`') { sb.Append('`'); i += 2; continue; }
                i++;
                return sb.ToString();
            }
            if (c == '\n') { curLine++; lineStart = i + 1; }
            if (escapes && c == '\\' && i + 1 < text.Length)
            {
                char e = text[i + 1];
                if (e is '%' or '_') sb.Append('\\'); // kept for LIKE patterns, as Spark does
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'b' => '\b', _ => e });
                i += 2;
                continue;
            }
            sb.Append(c);
            i++;
        }
    }
}
