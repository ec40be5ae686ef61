using System.Globalization;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Tok = Serviceloven.Engine.Dmn.Feel.Tok;
using Token = Serviceloven.Engine.Dmn.Feel.Token;

namespace Serviceloven.Engine.Dmn;

/// <summary>A name a FEEL expression may read: its cell-language name, its type, and for a structure its components.</summary>
public sealed record FeelName(string Cell, ValueKind Kind, IReadOnlyDictionary<string, FeelName>? Components = null);

/// <summary>A function a FEEL expression may invoke (a business knowledge model): its cell name, parameters in order and result type.</summary>
public sealed record FeelFunction(string Cell, IReadOnlyList<string> Parameters, ValueKind Kind);

/// <summary>A FEEL expression translated to the cell language, with the type it gives (null when it cannot be told).</summary>
public sealed record FeelValue(string Cell, ValueKind? Kind);

/// <summary>
/// Translates the FEEL of a literal expression into the cell language: numbers, texts, booleans and dates; names of
/// inputs, decisions and parameters (with spaces, and components of structures by '.'); + - * / and ** (power);
/// comparisons, <c>between</c>, <c>and</c>, <c>or</c>, <c>not(...)</c>; <c>if ... then ... else</c>; invocations of
/// business knowledge models by position; abs, floor, ceiling, min and max of two numbers. Everything else (lists,
/// contexts, for/some/every, filters, durations, times, null, named arguments, the rest of the built-in functions) is
/// refused with a <see cref="FeelException"/> naming it, never translated approximately.
/// </summary>
public sealed class FeelExpression
{
    private readonly List<Token> _tokens;
    private readonly Func<string, FeelName?> _names;
    private readonly Func<string, FeelFunction?> _functions;
    private int _i;

    private FeelExpression(string text, Func<string, FeelName?> names, Func<string, FeelFunction?> functions)
    {
        _tokens = Feel.Tokenize(text);
        _names = names;
        _functions = functions;
    }

    public static FeelValue Translate(string text, Func<string, FeelName?> names, Func<string, FeelFunction?> functions)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FeelException("Udtrykket er tomt.");
        var p = new FeelExpression(text.Trim(), names, functions);
        var value = p.Expression();
        if (p.Peek.Kind != Tok.End) throw new FeelException($"'{p.Peek.Text}' kan ikke stå her i udtrykket.");
        return value;
    }

    private Token Peek => _tokens[_i];
    private Token At(int k) => _tokens[Math.Min(_i + k, _tokens.Count - 1)];
    private bool IsSymbol(string s) => Peek.Kind == Tok.Symbol && Peek.Text == s;
    private bool IsWord(string w) => Peek.Kind == Tok.Name && Peek.Text == w;

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol) && !IsWord(symbol))
            throw new FeelException(Peek.Kind == Tok.End ? $"Forventede '{symbol}', men udtrykket slutter." : $"Forventede '{symbol}', men fandt '{Peek.Text}'.");
        _i++;
    }

    private FeelValue Expression()
    {
        if (IsWord("if"))
        {
            _i++;
            var condition = Expression();
            Expect("then");
            var then = Expression();
            Expect("else");
            var otherwise = Expression();
            Require(condition, ValueKind.Bool, "betingelsen i if");
            return new FeelValue($"if({condition.Cell}, {then.Cell}, {otherwise.Cell})", then.Kind ?? otherwise.Kind);
        }
        foreach (var word in new[] { "for", "some", "every", "function" })
            if (IsWord(word)) throw new FeelException($"FEEL-udtryk med '{word}' understøttes ikke.");
        return Disjunction();
    }

    private FeelValue Disjunction()
    {
        var left = Conjunction();
        while (IsWord("or"))
        {
            _i++;
            left = new FeelValue($"({left.Cell} or {Conjunction().Cell})", ValueKind.Bool);
        }
        return left;
    }

    private FeelValue Conjunction()
    {
        var left = Comparison();
        while (IsWord("and"))
        {
            _i++;
            left = new FeelValue($"({left.Cell} and {Comparison().Cell})", ValueKind.Bool);
        }
        return left;
    }

    private FeelValue Comparison()
    {
        var left = Additive();
        if (Peek.Kind == Tok.Symbol && Peek.Text is "=" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = Peek.Text;
            _i++;
            var right = Additive();
            return new FeelValue($"({left.Cell} {op} {right.Cell})", ValueKind.Bool);
        }
        if (IsWord("between"))
        {
            _i++;
            var low = Additive();
            Expect("and");
            var high = Additive();
            return new FeelValue($"(({left.Cell} >= {low.Cell}) and ({left.Cell} <= {high.Cell}))", ValueKind.Bool);
        }
        if (IsWord("in")) throw new FeelException("'in' med en liste af tests understøttes ikke i et udtryk.");
        if (IsWord("instance")) throw new FeelException("'instance of' understøttes ikke.");
        return left;
    }

    private FeelValue Additive()
    {
        var left = Multiplicative();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            var op = Peek.Text;
            _i++;
            var right = Multiplicative();
            if (left.Kind == ValueKind.Date || right.Kind == ValueKind.Date)
                throw new FeelException("Regning med datoer (varigheder) understøttes ikke.");
            var text = op == "+" && (left.Kind?.IsString() == true || right.Kind?.IsString() == true);
            left = new FeelValue($"({left.Cell} {op} {right.Cell})", text ? ValueKind.Text : ValueKind.Decimal);
        }
        return left;
    }

    private FeelValue Multiplicative()
    {
        var left = Power();
        while (IsSymbol("*") || IsSymbol("/"))
        {
            var op = Peek.Text;
            _i++;
            left = new FeelValue($"({left.Cell} {op} {Power().Cell})", ValueKind.Decimal);
        }
        return left;
    }

    private FeelValue Power()
    {
        var left = Unary();
        while (IsSymbol("**"))
        {
            _i++;
            left = new FeelValue($"power({left.Cell}, {Unary().Cell})", ValueKind.Decimal);
        }
        return left;
    }

    private FeelValue Unary()
    {
        if (!IsSymbol("-")) return Primary();
        _i++;
        var operand = Unary();
        return new FeelValue($"(-{operand.Cell})", ValueKind.Decimal);
    }

    private FeelValue Primary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Tok.Number:
                _i++;
                return new FeelValue(decimal.Parse(t.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), ValueKind.Decimal);
            case Tok.String:
                _i++;
                return new FeelValue(Emitter.StringCode(t.Value), ValueKind.Text);
            case Tok.Symbol when t.Text == "(":
            {
                _i++;
                var inner = Expression();
                Expect(")");
                return inner;
            }
            case Tok.Symbol when t.Text == "@" && At(1).Kind == Tok.String:
                _i += 2;
                return Date(At(-1).Value);
            case Tok.Symbol when t.Text == "[":
                throw new FeelException("FEEL-lister ([...]) understøttes ikke.");
            case Tok.Symbol when t.Text == "{":
                throw new FeelException("FEEL-kontekster ({...}) understøttes ikke i et udtryk.");
            case Tok.Name:
                return Named();
            case Tok.End:
                throw new FeelException("Udtrykket slutter for tidligt.");
            default:
                throw new FeelException($"'{t.Text}' kan ikke stå her i udtrykket.");
        }
    }

    private FeelValue Named()
    {
        var t = Peek;
        switch (t.Text)
        {
            case "true" or "false":
                _i++;
                return new FeelValue(t.Text, ValueKind.Bool);
            case "null":
                throw new FeelException("null i et udtryk understøttes ikke (FEEL's null-semantik er ikke den samme som cellesprogets).");
            case "not" when At(1).Text == "(":
            {
                _i += 2;
                var inner = Expression();
                Expect(")");
                return new FeelValue($"(not {inner.Cell})", ValueKind.Bool);
            }
            case "date" when At(1).Text == "(" && At(2).Kind == Tok.String && At(3).Text == ")":
                _i += 4;
                return Date(At(-2).Value);
        }
        // The longest run of words that names something: FEEL names may hold spaces ("Monthly Salary").
        var end = _i;
        while (_tokens[end].Kind == Tok.Name) end++;
        for (var last = end; last > _i; last--)
        {
            var name = string.Join(" ", _tokens.Skip(_i).Take(last - _i).Select(x => x.Text));
            if (_tokens[last].Kind == Tok.Symbol && _tokens[last].Text == "(")
            {
                if (_functions(name) is { } function)
                {
                    _i = last + 1;
                    return Invoke(name, function);
                }
                if (last == _i + 1 && Builtins.ContainsKey(name))
                {
                    _i = last + 1;
                    return Builtin(name);
                }
                continue;
            }
            if (_names(name) is { } resolved)
            {
                _i = last;
                return Path(name, resolved);
            }
        }
        if (At(1).Text == "(") throw new FeelException($"Funktionen '{t.Text}' understøttes ikke (hverken en forretningsvidensmodel i modellen eller en af abs, floor, ceiling, min, max).");
        throw new FeelException($"Navnet '{t.Text}' er hverken et input, en beslutning eller en parameter i modellen.");
    }

    private FeelValue Path(string name, FeelName resolved)
    {
        var current = resolved;
        var path = name;
        while (IsSymbol("."))
        {
            _i++;
            var component = Peek.Kind == Tok.Name ? Peek.Text : throw new FeelException($"Forventede et komponentnavn efter '{path}.'.");
            _i++;
            if (current.Components?.GetValueOrDefault(component) is not { } next)
                throw new FeelException($"'{path}' har ingen komponent '{component}'.");
            current = next;
            path += "." + component;
        }
        if (current.Components is not null) throw new FeelException($"'{path}' er en struktur; kun dens komponenter kan bruges i et udtryk.");
        return new FeelValue(current.Cell, current.Kind);
    }

    private List<FeelValue> Arguments(string name)
    {
        var args = new List<FeelValue>();
        if (IsSymbol(")"))
        {
            _i++;
            return args;
        }
        while (true)
        {
            if (Peek.Kind == Tok.Name && At(1).Text == ":")
                throw new FeelException($"Navngivne argumenter i kaldet af '{name}' understøttes ikke; giv dem i rækkefølge.");
            args.Add(Expression());
            if (IsSymbol(",")) { _i++; continue; }
            Expect(")");
            return args;
        }
    }

    private FeelValue Invoke(string name, FeelFunction function)
    {
        var args = Arguments(name);
        if (args.Count != function.Parameters.Count)
            throw new FeelException($"'{name}' har {function.Parameters.Count} parametre, men kaldes med {args.Count}.");
        return new FeelValue($"{function.Cell}({string.Join(", ", args.Select(a => a.Cell))})", function.Kind);
    }

    /// <summary>The FEEL built-ins translated, by their cell-language names; the rest are refused.</summary>
    private static readonly Dictionary<string, string> Builtins = new(StringComparer.Ordinal)
    {
        ["abs"] = "abs", ["floor"] = "floor", ["ceiling"] = "ceil", ["min"] = "min", ["max"] = "max",
    };

    private FeelValue Builtin(string name)
    {
        var cell = Builtins[name];
        var args = Arguments(name);
        var count = cell is "min" or "max" ? 2 : 1;
        if (args.Count != count)
            throw new FeelException(cell is "min" or "max"
                ? $"{name}() understøttes kun med to tal (ikke en liste)."
                : $"{name}() tager ét argument her.");
        return new FeelValue($"{cell}({string.Join(", ", args.Select(a => a.Cell))})", cell is "min" or "max" ? args[0].Kind : ValueKind.Decimal);
    }

    private static FeelValue Date(string value)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new FeelException($"'{value}' er ikke en dato på formen ÅÅÅÅ-MM-DD; tidspunkter og varigheder understøttes ikke.");
        return new FeelValue($"date(\"{value}\")", ValueKind.Date);
    }

    private static void Require(FeelValue value, ValueKind kind, string what)
    {
        if (value.Kind is { } k && k != kind) throw new FeelException($"{what} skal være {kind.Danish()}, men er {k.Danish()}.");
    }
}
