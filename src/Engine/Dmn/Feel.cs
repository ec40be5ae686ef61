using System.Globalization;
using System.Text;
using Serviceloven.Engine.Cells;

namespace Serviceloven.Engine.Dmn;

/// <summary>A FEEL construct outside the simple subset the importer translates; the message says which.</summary>
public sealed class FeelException(string message) : Exception(message);

public enum FeelKind { Number, String, Bool, Date, Null, Name }

/// <summary>A FEEL literal and the cell text it becomes.</summary>
public sealed record FeelLiteral(FeelKind Kind, string Cell, string Text);

/// <summary>An input entry translated to the cell language, with the kinds of literals it compares with.</summary>
public sealed record FeelTest(string Cell, IReadOnlySet<FeelKind> Kinds, bool TestsNull);

/// <summary>
/// Translates FEEL simple unary tests (<c>-</c>, literals, <c>&lt;18</c>, <c>[1..5)</c>, <c>"a","b"</c>, <c>not(...)</c>,
/// <c>null</c>) and literal output entries into the project's cell language. Anything else is refused by name.
/// </summary>
public sealed class Feel
{
    internal enum Tok { Number, String, Name, Symbol, End }
    internal readonly record struct Token(Tok Kind, string Text, string Value);

    private static readonly string[] Symbols = ["**", "..", "<=", ">=", "!=", "<", ">", "=", "[", "]", "(", ")", ",", "-", "+", "*", "/", "@", "{", "}", ":", "?", "."];

    private readonly List<Token> _tokens;
    private readonly Func<string, string?> _resolveName;
    private readonly HashSet<FeelKind> _kinds = [];
    private bool _testsNull;
    private int _i;

    private Feel(string text, Func<string, string?> resolveName)
    {
        _tokens = Tokenize(text);
        _resolveName = resolveName;
    }

    /// <summary>An input entry. <paramref name="resolveName"/> maps a FEEL name to a fact name, or null when unknown.</summary>
    public static FeelTest TranslateTest(string text, Func<string, string?> resolveName)
    {
        var trimmed = text.Trim();
        if (trimmed is "" or "-") return new FeelTest("-", new HashSet<FeelKind>(), false);
        var p = new Feel(trimmed, resolveName);
        string cell;
        if (p.Peek.Kind == Tok.Name && p.Peek.Text == "not" && p.PeekAt(1).Text == "(")
        {
            p._i += 2;
            var inner = p.TestList();
            p.Expect(")");
            cell = $"not({inner})";
        }
        else cell = p.TestList();
        p.ExpectEnd("unær test");
        return new FeelTest(cell, p._kinds, p._testsNull);
    }

    /// <summary>An output entry or a default output entry: a literal only.</summary>
    public static FeelLiteral TranslateLiteral(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw new FeelException("Cellen er tom.");
        var p = new Feel(trimmed, _ => null);
        var lit = p.Literal(allowNames: false);
        p.ExpectEnd("output-celle");
        return lit;
    }

    /// <summary>inputValues, outputValues and allowedValues: a comma-separated list of literals.</summary>
    public static IReadOnlyList<FeelLiteral> TranslateLiteralList(string text)
    {
        var p = new Feel(text.Trim(), _ => null);
        var list = new List<FeelLiteral> { p.Literal(allowNames: false) };
        while (p.IsSymbol(","))
        {
            p._i++;
            list.Add(p.Literal(allowNames: false));
        }
        p.ExpectEnd("værdiliste");
        return list;
    }

    private Token Peek => _tokens[_i];
    private Token PeekAt(int k) => _tokens[Math.Min(_i + k, _tokens.Count - 1)];
    private bool IsSymbol(string s) => Peek.Kind == Tok.Symbol && Peek.Text == s;

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol))
            throw new FeelException(Peek.Kind == Tok.End ? $"Forventede '{symbol}', men teksten slutter." : $"Forventede '{symbol}', men fandt '{Peek.Text}'.");
        _i++;
    }

    private void ExpectEnd(string what)
    {
        if (Peek.Kind == Tok.End) return;
        if (Peek.Kind == Tok.Symbol && Peek.Text is "+" or "-" or "*" or "/")
            throw new FeelException($"Regneudtryk ('{Peek.Text}') understøttes ikke i en {what}; kun konstante værdier.");
        if (Peek.Kind == Tok.Symbol && Peek.Text == ".")
            throw new FeelException($"Stier med '.' understøttes ikke i en {what}.");
        throw new FeelException($"'{Peek.Text}' kan ikke stå her i en {what}.");
    }

    private string TestList()
    {
        var tests = new List<string> { Test() };
        while (IsSymbol(","))
        {
            _i++;
            tests.Add(Test());
        }
        return string.Join(", ", tests);
    }

    private string Test()
    {
        var t = Peek;
        if (t.Kind == Tok.Name && t.Text == "null" && PeekAt(1).Text is "," or ")" or "")
        {
            _i++;
            _testsNull = true;
            return "null";
        }
        if (t.Kind == Tok.Symbol)
        {
            switch (t.Text)
            {
                case "<" or "<=" or ">" or ">=" or "!=":
                    _i++;
                    return $"{t.Text} {Endpoint()}";
                case "=":
                    _i++;
                    return Endpoint();
                case "[" or "(" or "]":
                {
                    _i++;
                    var low = Endpoint();
                    Expect("..");
                    var high = Endpoint();
                    if (!(Peek.Kind == Tok.Symbol && Peek.Text is "]" or ")" or "["))
                        throw new FeelException("Et interval skal slutte med ']', ')' eller '['.");
                    var close = Peek.Text;
                    _i++;
                    return $"{t.Text}{low}..{high}{close}";
                }
                case "?":
                    throw new FeelException("Tests med '?' (FEEL-udtryk over inputværdien) understøttes ikke.");
            }
        }
        return Endpoint();
    }

    private string Endpoint()
    {
        var lit = Literal(allowNames: true);
        if (lit.Kind != FeelKind.Null) _kinds.Add(lit.Kind);
        return lit.Cell;
    }

    private FeelLiteral Literal(bool allowNames)
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Tok.Number:
                _i++;
                return Number(t.Value, negative: false);
            case Tok.Symbol when t.Text == "-" && PeekAt(1).Kind == Tok.Number:
                _i += 2;
                return Number(PeekAt(-1).Value, negative: true);
            case Tok.String:
                _i++;
                return new FeelLiteral(FeelKind.String, Emitter.StringCode(t.Value), t.Value);
            case Tok.Symbol when t.Text == "@" && PeekAt(1).Kind == Tok.String:
                _i += 2;
                return Date(PeekAt(-1).Value, "@");
            case Tok.Symbol when t.Text == "{":
                throw new FeelException("FEEL-kontekster ({...}) understøttes ikke.");
            case Tok.Symbol when t.Text == "[":
                throw new FeelException("FEEL-lister ([...]) understøttes ikke her.");
            case Tok.Name:
                _i++;
                switch (t.Text)
                {
                    case "true" or "false":
                        return new FeelLiteral(FeelKind.Bool, t.Text, t.Text);
                    case "null":
                        return new FeelLiteral(FeelKind.Null, "null", "null");
                    case "date" when IsSymbol("(") && PeekAt(1).Kind == Tok.String && PeekAt(2).Text == ")":
                        _i += 3;
                        return Date(PeekAt(-2).Value, "date");
                    case "date" when Peek.Kind == Tok.Name && Peek.Text == "and":
                        throw new FeelException("Typen 'date and time' understøttes ikke; kun datoer.");
                }
                if (IsSymbol("("))
                    throw new FeelException($"FEEL-funktionskaldet '{t.Text}(...)' understøttes ikke.");
                if (IsSymbol("."))
                    throw new FeelException($"Stien '{t.Text}.{PeekAt(1).Text}' understøttes ikke.");
                if (!allowNames)
                    throw new FeelException($"'{t.Text}' er ikke en konstant; kun tal, tekst, true/false, null og datoer kan stå her.");
                var resolved = _resolveName(t.Text)
                    ?? throw new FeelException($"Navnet '{t.Text}' er ikke et input i modellen.");
                _kinds.Add(FeelKind.Name);
                return new FeelLiteral(FeelKind.Name, resolved, t.Text);
            case Tok.End:
                throw new FeelException("Teksten slutter for tidligt.");
            default:
                throw new FeelException($"'{t.Text}' kan ikke stå her; kun simple unære tests og konstante værdier understøttes.");
        }
    }

    private static FeelLiteral Number(string text, bool negative)
    {
        var d = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (negative) d = -d;
        var s = d.ToString(CultureInfo.InvariantCulture);
        return new FeelLiteral(FeelKind.Number, s, s);
    }

    private static FeelLiteral Date(string value, string form)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new FeelException($"{form}(\"{value}\") er ikke en dato på formen ÅÅÅÅ-MM-DD; tidspunkter og varigheder understøttes ikke.");
        return new FeelLiteral(FeelKind.Date, $"date(\"{value}\")", value);
    }

    internal static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsAsciiDigit(c) || c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && !(i > 0 && text[i - 1] == '.'))
            {
                var start = i;
                i = NumberScanner.End(text, start);
                var s = text[start..i];
                tokens.Add(new Token(Tok.Number, s, s.StartsWith('.') ? "0" + s : s));
                continue;
            }
            if (c == '"')
            {
                var start = i++;
                var sb = new StringBuilder();
                while (true)
                {
                    if (i >= text.Length) throw new FeelException("Teksten mangler sit afsluttende anførselstegn.");
                    var ch = text[i++];
                    if (ch == '"') break;
                    if (ch == '\\')
                    {
                        if (i >= text.Length) throw new FeelException("Ufuldstændig escape-sekvens.");
                        var e = text[i++];
                        switch (e)
                        {
                            case '"' or '\\' or '\'': sb.Append(e); break;
                            case 'u' when i + 4 <= text.Length && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                                sb.Append((char)code);
                                i += 4;
                                break;
                            case 'n' or 'r' or 't':
                                throw new FeelException("Tekster med linjeskift eller tabulatorer understøttes ikke.");
                            default:
                                throw new FeelException($"Escape-sekvensen '\\{e}' understøttes ikke.");
                        }
                        continue;
                    }
                    sb.Append(ch);
                }
                var value = sb.ToString();
                if (value.Any(char.IsControl)) throw new FeelException("Tekster med styretegn understøttes ikke.");
                tokens.Add(new Token(Tok.String, text[start..i], value));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(Tok.Name, text[start..i], text[start..i]));
                continue;
            }
            var sym = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                ?? throw new FeelException($"Tegnet '{c}' understøttes ikke.");
            tokens.Add(new Token(Tok.Symbol, sym, sym));
            i += sym.Length;
        }
        tokens.Add(new Token(Tok.End, "", ""));
        return tokens;
    }
}
