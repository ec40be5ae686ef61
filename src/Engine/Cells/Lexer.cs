using System.Globalization;
using System.Text;

namespace Serviceloven.Engine.Cells;

public enum TokenKind { Number, String, Ident, Symbol, End }

public readonly record struct Token(TokenKind Kind, string Text, int Pos, decimal Number = 0);

/// <summary>Splits a cell into tokens. Anything outside the small alphabet of the language is refused here.</summary>
public static class Lexer
{
    private static readonly string[] Symbols = ["..", "<=", ">=", "!=", "==", "<", ">", "=", "+", "-", "*", "/", "(", ")", "[", "]", ",", "{", "}"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                i = NumberScanner.End(text, start);
                var s = text[start..i];
                if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                    throw new CellException($"Tallet '{s}' kan ikke læses.", start);
                tokens.Add(new Token(TokenKind.Number, s, start, n));
                continue;
            }
            if (c == '"')
            {
                var start = i++;
                var sb = new StringBuilder();
                while (true)
                {
                    if (i >= text.Length) throw new CellException("Teksten mangler sit afsluttende anførselstegn.", start);
                    var ch = text[i++];
                    if (ch == '"') break;
                    if (ch == '\\')
                    {
                        if (i >= text.Length) throw new CellException("Ufuldstændig escape-sekvens.", i - 1);
                        var e = text[i++];
                        if (e is not ('"' or '\\')) throw new CellException($"Escape-sekvensen '\\{e}' er ikke tilladt.", i - 2);
                        sb.Append(e);
                        continue;
                    }
                    if (char.IsControl(ch)) throw new CellException("Tekst må ikke indeholde styretegn.", i - 1);
                    sb.Append(ch);
                }
                tokens.Add(new Token(TokenKind.String, sb.ToString(), start));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Ident, text[start..i], start));
                continue;
            }
            var matched = false;
            foreach (var sym in Symbols)
            {
                if (string.CompareOrdinal(text, i, sym, 0, sym.Length) == 0)
                {
                    tokens.Add(new Token(TokenKind.Symbol, sym, i));
                    i += sym.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched)
                throw new CellException(c == '.'
                    ? "Punktum er ikke tilladt: egenskaber og metodekald kan ikke bruges i en celle."
                    : $"Tegnet '{c}' er ikke tilladt i en celle.", i);
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }
}
