using System.Globalization;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;
using Tok = Serviceloven.Engine.Dmn.Feel.Tok;
using Token = Serviceloven.Engine.Dmn.Feel.Token;

namespace Serviceloven.Engine.Dmn;

/// <summary>A name a FEEL expression may read: its cell-language name, its type, and for a structure its components.</summary>
public sealed record FeelName(string Cell, ValueKind Kind, IReadOnlyDictionary<string, FeelName>? Components = null)
{
    /// <summary>Set when the value is a FEEL duration held as a number of months or seconds.</summary>
    public DmnDuration? Duration { get; init; }

    /// <summary>For a list (Kind List): its items are single values, held in the one field 'item'.</summary>
    public bool Scalar { get; init; }
}

/// <summary>A function a FEEL expression may invoke (a business knowledge model): its cell name, parameters in order and result type.</summary>
public sealed record FeelFunction(string Cell, IReadOnlyList<string> Parameters, ValueKind Kind);

/// <summary>A FEEL expression translated to the cell language, with the type it gives (null when it cannot be told).</summary>
public sealed record FeelValue(string Cell, ValueKind? Kind, DmnDuration? Duration = null)
{
    /// <summary>The value when the expression is a constant (a decimal, string or DateOnly), so built-ins over constants can be checked and computed at import.</summary>
    public object? Constant { get; init; }
}

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
    /// <summary>Names bound inside a list's condition (its item's fields, 'item', a some/every variable), innermost first.</summary>
    private readonly Stack<Dictionary<string, FeelName>> _locals = new();
    /// <summary>The field names of the lists whose conditions are being read: an outer name with the same cell would be read as the field.</summary>
    private readonly Stack<IReadOnlyCollection<string>> _listFields = new();

    /// <summary>The field that holds an item of a list of single values, as FEEL calls it in a filter.</summary>
    public const string Item = "item";

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

    /// <summary>
    /// The entries of a FEEL context literal that is the whole expression (<c>{a: 1 + 2, "b c": a}</c>): each key (a name
    /// of words or a string) with its expression's text; null when the text is not one. A nested context is refused.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)>? ContextEntries(string? text)
    {
        if (text is null || !text.TrimStart().StartsWith('{')) return null;
        var tokens = Feel.Tokenize(text.Trim());
        if (tokens[^2] is not { Kind: Tok.Symbol, Text: "}" }) return null;
        var entries = new List<(string, string)>();
        var i = 1;
        while (i < tokens.Count - 2)
        {
            string key;
            if (tokens[i].Kind == Tok.String) key = tokens[i++].Value;
            else
            {
                var words = new List<string>();
                while (tokens[i].Kind == Tok.Name) words.Add(tokens[i++].Text);
                if (words.Count == 0) throw new FeelException($"'{tokens[i].Text}' kan ikke stå som navn i en FEEL-kontekst.");
                key = string.Join(" ", words);
            }
            if (tokens[i] is not { Kind: Tok.Symbol, Text: ":" }) throw new FeelException($"Forventede ':' efter '{key}' i en FEEL-kontekst.");
            i++;
            var start = i;
            var depth = 0;
            for (; i < tokens.Count - 2; i++)
            {
                if (tokens[i].Kind != Tok.Symbol) continue;
                if (tokens[i].Text == "{") throw new FeelException("Indlejrede FEEL-kontekster ({... {...}}) understøttes ikke.");
                if (tokens[i].Text is "(" or "[") depth++;
                else if (tokens[i].Text is ")" or "]") depth--;
                else if (tokens[i].Text == "," && depth == 0) break;
            }
            entries.Add((key, string.Join(" ", tokens.Skip(start).Take(i - start).Select(t => t.Text))));
            if (i < tokens.Count - 2) i++;
        }
        return entries;
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
            if (then.Duration != otherwise.Duration)
                throw new FeelException("Grenene i if ... then ... else giver forskellige typer (en varighed og noget andet).");
            return new FeelValue($"if({condition.Cell}, {then.Cell}, {otherwise.Cell})", then.Kind ?? otherwise.Kind, then.Duration);
        }
        if (IsWord("some") || IsWord("every")) return Quantified();
        foreach (var word in new[] { "for", "function" })
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
            SameDurations(op, left, right);
            return new FeelValue($"({left.Cell} {op} {right.Cell})", ValueKind.Bool);
        }
        if (IsWord("between"))
        {
            _i++;
            var low = Additive();
            Expect("and");
            var high = Additive();
            SameDurations("between", left, low, high);
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
            if (left.Kind == ValueKind.Date || right.Kind == ValueKind.Date || left.Duration is not null || right.Duration is not null)
            {
                left = DateArithmetic(op, left, right);
                continue;
            }
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
            var right = Power();
            NoDuration(op, left, right);
            left = new FeelValue($"({left.Cell} {op} {right.Cell})", ValueKind.Decimal);
        }
        return left;
    }

    private FeelValue Power()
    {
        var left = Unary();
        while (IsSymbol("**"))
        {
            _i++;
            var right = Unary();
            NoDuration("**", left, right);
            left = new FeelValue($"power({left.Cell}, {right.Cell})", ValueKind.Decimal);
        }
        return left;
    }

    private FeelValue Unary()
    {
        if (!IsSymbol("-")) return Primary();
        _i++;
        var operand = Unary();
        if (operand.Kind is { } k && k != ValueKind.Decimal && k != ValueKind.Int)
            throw new FeelException($"Minus foran {k.Danish()} understøttes ikke.");
        return new FeelValue($"(-{operand.Cell})", ValueKind.Decimal, operand.Duration) { Constant = -(operand.Constant as decimal?) };
    }

    private FeelValue Primary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case Tok.Number:
            {
                _i++;
                var number = decimal.Parse(t.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                return new FeelValue(number.ToString(CultureInfo.InvariantCulture), ValueKind.Decimal) { Constant = number };
            }
            case Tok.String:
                _i++;
                return new FeelValue(Emitter.StringCode(t.Value), ValueKind.Text) { Constant = t.Value };
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
            case "date" when At(1).Text == "and" && At(2).Text == "time" && _functions("date and time") is null:
                throw new FeelException("Tidspunkter ('date and time') understøttes ikke; kun datoer.");
            case "time" when At(1).Text == "(" && _functions(t.Text) is null:
                throw new FeelException("Klokkeslæt ('time') understøttes ikke; kun datoer.");
            case "date" when At(1).Text == "(" && _functions(t.Text) is null:
                _i += 2;
                return DateFunction();
            case "count" or "sum" or "mean" or "min" or "max" when At(1).Text == "(" && _functions(t.Text) is null && ListAt(_i + 2):
                _i += 2;
                return ListFunction(t.Text);
            case "mean" or "sum" when At(1).Text == "(" && _functions(t.Text) is null:
            {
                // Over numbers given as arguments (mean(a, b, c)); a list is read above.
                _i += 2;
                var args = Arguments(t.Text);
                NoDuration(t.Text + "()", [.. args]);
                if (args.Count == 0 || args.Any(a => a.Kind is not (ValueKind.Decimal or ValueKind.Int)))
                    throw new FeelException($"{t.Text}() understøttes kun over tal eller en liste, der er et input (FEEL giver null for andet).");
                var total = $"({string.Join(" + ", args.Select(a => a.Cell))})";
                return new FeelValue(t.Text == "sum" ? total : $"({total} / {args.Count})", ValueKind.Decimal);
            }
            case "list" when At(1).Text == "contains" && At(2).Text == "(" && _functions("list contains") is null:
                _i += 3;
                return ListContains();
            case "all" or "any" when At(1).Text == "(" && _functions(t.Text) is null:
                _i += 2;
                return AllAny(t.Text);
            case "duration" when At(1).Text == "(" && _functions(t.Text) is null:
                _i += 2;
                return DurationFunction();
            case "years" when At(1).Text == "and" && At(2).Text == "months" && At(3).Text == "duration" && At(4).Text == "("
                && _functions("years and months duration") is null:
                _i += 5;
                return YearsMonthsDuration();
        }
        // The longest run of words that names something: FEEL names may hold spaces and numbers ("Monthly Salary", "decision A 2.1").
        var end = _i;
        while (_tokens[end].Kind == Tok.Name || end > _i && _tokens[end].Kind == Tok.Number) end++;
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
            if (Resolve(name) is { } resolved)
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
        if (current.Kind == ValueKind.List)
            throw new FeelException($"'{path}' er en liste; den kan kun bruges i count, sum, mean, min, max, list contains og some/every.");
        if (current.Components is not null) throw new FeelException($"'{path}' er en struktur; kun dens komponenter kan bruges i et udtryk.");
        return new FeelValue(current.Cell, current.Kind, current.Duration);
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
        NoDuration(name + "()", [.. args]);
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
        NoDuration(name + "()", [.. args]);
        var count = cell is "min" or "max" ? 2 : 1;
        if (args.Count != count)
            throw new FeelException(cell is "min" or "max"
                ? $"{name}() understøttes kun med to tal (ikke en liste)."
                : $"{name}() tager ét argument her.");
        return new FeelValue($"{cell}({string.Join(", ", args.Select(a => a.Cell))})", cell is "min" or "max" ? args[0].Kind : ValueKind.Decimal);
    }

    private static FeelValue Date(string value)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new FeelException($"'{value}' er ikke en dato på formen ÅÅÅÅ-MM-DD; tidspunkter og varigheder understøttes ikke.");
        return DateConstant(date);
    }

    private static FeelValue DateConstant(DateOnly date) =>
        new($"date(\"{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\")", ValueKind.Date) { Constant = date };

    /// <summary>
    /// The arguments of a built-in, given in order or all by name (<c>date(year: 2017, month: 8, day: 30)</c>), in the
    /// order of the parameter list that matches.
    /// </summary>
    private List<FeelValue> BuiltinArguments(string function, params string[][] parameterLists)
    {
        var named = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        var positional = new List<FeelValue>();
        if (IsSymbol(")")) _i++;
        else
            while (true)
            {
                if (Peek.Kind == Tok.Name && At(1).Text == ":")
                {
                    var parameter = Peek.Text;
                    _i += 2;
                    if (!named.TryAdd(parameter, Expression())) throw new FeelException($"'{parameter}' er givet to gange i kaldet af {function}().");
                }
                else positional.Add(Expression());
                if (IsSymbol(",")) { _i++; continue; }
                Expect(")");
                break;
            }
        if (named.Count == 0) return positional;
        if (positional.Count > 0) throw new FeelException($"Kaldet af {function}() blander navngivne argumenter og argumenter i rækkefølge.");
        var list = parameterLists.FirstOrDefault(l => l.Length == named.Count && l.All(named.ContainsKey))
            ?? throw new FeelException($"{function}() har ingen parametre med navnene {string.Join(", ", named.Keys)}.");
        return list.Select(p => named[p]).ToList();
    }

    /// <summary>
    /// FEEL's date(): of a date (the date itself), of a text (as date("...")), of year, month and day when they are
    /// constants (checked and computed now; the cell language makes no date of numbers). A date FEEL would not make
    /// (2017-13-31, a year outside 1-9999) is refused: FEEL gives null there.
    /// </summary>
    private FeelValue DateFunction()
    {
        var args = BuiltinArguments("date", ["from"], ["year", "month", "day"]);
        switch (args.Count)
        {
            case 1 when args[0].Kind == ValueKind.Date && args[0].Duration is null:
                return args[0];
            case 1 when args[0].Constant is string text:
                return Date(text);
            case 3 when args.All(a => a.Constant is decimal):
            {
                var (y, m, d) = ((decimal)args[0].Constant!, (decimal)args[1].Constant!, (decimal)args[2].Constant!);
                if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || y % 1 != 0 || m % 1 != 0 || d % 1 != 0
                    || d > DateTime.DaysInMonth((int)y, (int)m))
                    throw new FeelException($"date({y}, {m}, {d}) er ikke en dato i årene 1-9999 (FEEL giver null eller en dato, cellesproget ikke har).");
                return DateConstant(new DateOnly((int)y, (int)m, (int)d));
            }
            case 3:
                throw new FeelException("date(år, måned, dag) understøttes kun med konstante tal; cellesproget har ingen funktion, der danner en dato af tal.");
            default:
                throw new FeelException("date() understøttes med en dato, en tekst (\"ÅÅÅÅ-MM-DD\") eller år, måned og dag; ikke med disse argumenter (FEEL giver null).");
        }
    }

    private FeelName? Resolve(string name)
    {
        foreach (var scope in _locals)
            if (scope.TryGetValue(name, out var local)) return local;
        var outer = _names(name);
        if (outer is not null && _listFields.Any(fields => fields.Contains(outer.Cell.Split('.')[0])))
            throw new FeelException($"'{name}' har samme navn som et felt i listen, der gennemløbes; det understøttes ikke i en betingelse over listen.");
        return outer;
    }

    /// <summary>True when the words at <paramref name="position"/> name a list.</summary>
    private bool ListAt(int position)
    {
        var end = position;
        while (_tokens[end].Kind == Tok.Name) end++;
        for (var last = end; last > position; last--)
            if (_tokens[last].Text != "(" && Resolve(string.Join(" ", _tokens.Skip(position).Take(last - position).Select(x => x.Text))) is { Kind: ValueKind.List })
                return true;
        return false;
    }

    /// <summary>A list as a list built-in reads it: its name, an optional filter <c>[condition]</c> and an optional field <c>.name</c>.</summary>
    private (FeelName List, FeelName? Field, string Where) ListOperand()
    {
        var end = _i;
        while (_tokens[end].Kind == Tok.Name) end++;
        FeelName? list = null;
        for (var last = end; last > _i && list is null; last--)
            if (Resolve(string.Join(" ", _tokens.Skip(_i).Take(last - _i).Select(x => x.Text))) is { Kind: ValueKind.List } found)
            {
                list = found;
                _i = last;
            }
        if (list is null) throw new FeelException("Forventede en liste.");
        var where = "";
        if (IsSymbol("["))
        {
            _i++;
            var condition = InItems(list, null, Expression);
            Require(condition, ValueKind.Bool, "Filteret");
            if (condition.Kind is null) throw new FeelException("Filteret i [...] skal være en betingelse; et filter med et tal (en plads i listen) understøttes ikke.");
            Expect("]");
            where = condition.Cell;
        }
        FeelName? field = null;
        if (IsSymbol("."))
        {
            _i++;
            var name = Peek.Kind == Tok.Name ? Peek.Text : throw new FeelException("Forventede et feltnavn efter '.'.");
            _i++;
            field = list.Components!.GetValueOrDefault(name) ?? throw new FeelException($"Listens elementer har ingen komponent '{name}'.");
        }
        return (list, field, where);
    }

    /// <summary>Reads <paramref name="read"/> with the item's fields (and 'item', and the variable of some/every) in scope.</summary>
    private FeelValue InItems(FeelName list, string? variable, Func<FeelValue> read)
    {
        var scope = new Dictionary<string, FeelName>(list.Components!, StringComparer.Ordinal);
        var element = list.Scalar ? list.Components![Item] : new FeelName("", ValueKind.Record, list.Components);
        scope[Item] = element;
        if (variable is not null) scope[variable] = element;
        _locals.Push(scope);
        _listFields.Push(list.Components!.Values.Select(f => f.Cell).ToHashSet(StringComparer.Ordinal));
        try { return read(); }
        finally
        {
            _locals.Pop();
            _listFields.Pop();
        }
    }

    private static string Hvor(params string[] conditions)
    {
        var parts = conditions.Where(c => c.Length > 0).ToList();
        return parts.Count == 0 ? "" : " hvor " + string.Join(" and ", parts.Select(p => $"({p})"));
    }

    /// <summary>
    /// count, sum, mean, min and max of a list input (of its items, or of a field of them, optionally filtered) as the
    /// cell language's list functions. FEEL gives null where the list is empty for sum, mean, min and max; the product
    /// stops with an error there instead (min and max of no items is an error, and sum is written so it is one too).
    /// </summary>
    private FeelValue ListFunction(string name)
    {
        var (list, field, where) = ListOperand();
        Expect(")");
        var filter = Hvor(where);
        if (name == "count")
        {
            if (field is not null) throw new FeelException("count() af et felt understøttes ikke; tæl listen.");
            return new FeelValue($"count({list.Cell}{filter})", ValueKind.Decimal);
        }
        field ??= list.Scalar ? list.Components![Item] : throw new FeelException($"{name}() af en liste af strukturer kræver et felt (liste.felt).");
        if (name is "sum" or "mean" && field.Kind is not (ValueKind.Decimal or ValueKind.Int))
            throw new FeelException($"{name}() kræver tal, men elementerne er {field.Kind.Danish()}.");
        if (field.Kind is not (ValueKind.Decimal or ValueKind.Int or ValueKind.Date))
            throw new FeelException($"{name}() kræver tal eller datoer, men elementerne er {field.Kind.Danish()}.");
        var values = $"{list.Cell}.{field.Cell}{filter}";
        return name switch
        {
            // sum([]) is null in FEEL; min over no items stops the evaluation with an error naming the list instead of 0.
            "sum" => new FeelValue($"if(count({list.Cell}{filter}) > 0, sum({values}), min({values}))", ValueKind.Decimal),
            // mean([]) is null in FEEL; dividing by no items stops the evaluation with an error.
            "mean" => new FeelValue($"(sum({values}) / count({list.Cell}{filter}))", ValueKind.Decimal),
            _ => new FeelValue($"{name}({values})", field.Kind),
        };
    }

    /// <summary>list contains(list, value) of a list of single values: whether an item equals the value.</summary>
    private FeelValue ListContains()
    {
        var (list, field, where) = ListOperand();
        if (!list.Scalar || field is not null) throw new FeelException("list contains() understøttes kun over en liste af enkle værdier.");
        Expect(",");
        // The value is compared after 'hvor', where the item's fields are read first: a name like one of them is refused.
        _listFields.Push(list.Components!.Values.Select(f => f.Cell).ToHashSet(StringComparer.Ordinal));
        FeelValue value;
        try { value = Expression(); }
        finally { _listFields.Pop(); }
        Expect(")");
        var item = list.Components![Item];
        if (value.Kind is { } k && k != item.Kind && !(k.IsString() && item.Kind.IsString()))
            throw new FeelException($"list contains() sammenligner {item.Kind.Danish()} med {k.Danish()}.");
        return new FeelValue($"any({list.Cell}{Hvor(where, $"{Item} = {value.Cell}")})", ValueKind.Bool);
    }

    /// <summary>some/every x in list satisfies condition, over one list input, as any/all with the condition after 'hvor'.</summary>
    private FeelValue Quantified()
    {
        var quantifier = Peek.Text;
        _i++;
        var variable = Peek.Kind == Tok.Name ? Peek.Text : throw new FeelException($"Forventede et navn efter '{quantifier}'.");
        _i++;
        Expect("in");
        if (!ListAt(_i)) throw new FeelException($"'{quantifier} ... in' understøttes kun over en liste, der er et input.");
        var (list, field, where) = ListOperand();
        if (field is not null) throw new FeelException($"'{quantifier} ... in' over et felt af en liste understøttes ikke.");
        if (IsSymbol(",")) throw new FeelException($"'{quantifier}' over flere lister understøttes ikke.");
        Expect("satisfies");
        var condition = InItems(list, variable, Expression);
        Require(condition, ValueKind.Bool, $"Betingelsen i '{quantifier}'");
        return new FeelValue($"{(quantifier == "some" ? "any" : "all")}({list.Cell}{Hvor(where, condition.Cell)})", ValueKind.Bool);
    }

    /// <summary>
    /// FEEL's all() and any() of booleans written out: a list literal <c>[a, b]</c> (also as <c>list: [...]</c>), or the
    /// booleans as arguments. Without null items they are the conjunction and the disjunction; an empty list gives true
    /// and false. An item that is not a boolean (FEEL gives null), no arguments, or a list known only when the case is
    /// decided are refused.
    /// </summary>
    private FeelValue AllAny(string name)
    {
        List<FeelValue> items;
        var named = Peek.Kind == Tok.Name && At(1).Text == ":";
        if (named)
        {
            if (Peek.Text != "list") throw new FeelException($"{name}() har ingen parameter '{Peek.Text}' (FEEL giver null).");
            _i += 2;
        }
        if (IsSymbol("["))
        {
            _i++;
            items = [];
            if (!IsSymbol("]"))
                while (true)
                {
                    items.Add(Expression());
                    if (IsSymbol(",")) { _i++; continue; }
                    break;
                }
            Expect("]");
            Expect(")");
        }
        else if (named) throw new FeelException($"{name}(list: ...) understøttes kun med en liste skrevet som [...].");
        else
        {
            items = Arguments(name);
            if (items.Count == 0) throw new FeelException($"{name}() uden argumenter understøttes ikke (FEEL giver null).");
        }
        if (items.FirstOrDefault(i => i.Kind != ValueKind.Bool || i.Duration is not null) is { } other)
            throw new FeelException($"{name}() understøttes kun over sandhedsværdier, ikke {What(other)} (FEEL giver null).");
        if (items.Count == 0) return new FeelValue(name == "all" ? "true" : "false", ValueKind.Bool);
        return new FeelValue($"({string.Join(name == "all" ? " and " : " or ", items.Select(i => i.Cell))})", ValueKind.Bool);
    }

    /// <summary>FEEL's duration("..."): a constant text, read now; a years-and-months duration becomes months, a days-and-time duration seconds.</summary>
    private FeelValue DurationFunction()
    {
        var args = BuiltinArguments("duration", ["from"]);
        if (args is not [{ Constant: string text }])
            throw new FeelException("duration() understøttes kun med en konstant tekst som \"P1Y2M\" eller \"PT2H\".");
        var value = DmnDurationValue.Parse(text)
            ?? throw new FeelException($"duration(\"{text}\") er ikke en varighed, FEEL og produktet kan læse (FEEL giver null); kun år og måneder (P1Y2M) eller dage og tid (P2DT3H).");
        return DurationConstant(value);
    }

    private static FeelValue DurationConstant(DmnDurationValue value) =>
        new(value.Amount.ToString(CultureInfo.InvariantCulture), ValueKind.Decimal, value.Unit) { Constant = value.Amount };

    /// <summary>
    /// FEEL's years and months duration(from, to) of two constant dates, computed now. Over dates known only when the
    /// case is decided it is refused: the cell language's monthsBetween counts a month reached at the end of a shorter
    /// month (31 January to 29 February is one month), FEEL does not.
    /// </summary>
    private FeelValue YearsMonthsDuration()
    {
        var args = BuiltinArguments("years and months duration", ["from", "to"]);
        if (args is [{ Constant: DateOnly from }, { Constant: DateOnly to }])
            return DurationConstant(DmnDurationValue.YearsMonthsBetween(from, to));
        if (args.Count == 2 && args.All(a => a.Kind == ValueKind.Date && a.Duration is null))
            throw new FeelException("years and months duration() understøttes kun med konstante datoer; cellesprogets monthsBetween tæller måneder ved månedens slutning anderledes end FEEL.");
        throw new FeelException("years and months duration() understøttes kun med to datoer (ikke tidspunkter, null eller andet).");
    }

    /// <summary>+ and - with a date or a duration: durations of one type together, a date moved by a duration, the days between two dates.</summary>
    private static FeelValue DateArithmetic(string op, FeelValue left, FeelValue right)
    {
        if (left.Duration is { } l && right.Duration is { } r && l == r)
            return new FeelValue($"({left.Cell} {op} {right.Cell})", ValueKind.Decimal, l);
        if (left.Kind == ValueKind.Date && left.Duration is null && right.Duration is { } unit)
            return Move(left, op == "-" ? $"(-{right.Cell})" : right.Cell, unit);
        if (op == "+" && right.Kind == ValueKind.Date && right.Duration is null && left.Duration is { } leftUnit)
            return Move(right, left.Cell, leftUnit);
        if (op == "-" && left.Kind == ValueKind.Date && right.Kind == ValueKind.Date && left.Duration is null && right.Duration is null)
            return new FeelValue($"(daysBetween({right.Cell}, {left.Cell}) * 86400)", ValueKind.Decimal, DmnDuration.DaysTime);
        throw new FeelException($"'{op}' mellem {What(left)} og {What(right)} understøttes ikke.");

        // A date plus months as addMonths (the day kept, or the month's last day: FEEL does the same); plus seconds as
        // whole days (a part of a day stops the evaluation with an error instead of giving a date and time).
        static FeelValue Move(FeelValue date, string amount, DmnDuration unit) => unit == DmnDuration.YearsMonths
            ? new FeelValue($"addMonths({date.Cell}, {amount})", ValueKind.Date)
            : new FeelValue($"addDays({date.Cell}, ({amount} / 86400))", ValueKind.Date);
    }

    private static string What(FeelValue value) => value.Duration switch
    {
        DmnDuration.YearsMonths => "en varighed i år og måneder",
        DmnDuration.DaysTime => "en varighed i dage og tid",
        _ => value.Kind?.Danish() ?? "en værdi af ukendt type",
    };

    /// <summary>Values compared must be durations of one type, or none a duration.</summary>
    private static void SameDurations(string op, params FeelValue[] values)
    {
        if (values.Any(v => v.Duration != values[0].Duration))
            throw new FeelException($"'{op}' mellem {string.Join(" og ", values.Select(What).Distinct())} understøttes ikke.");
    }

    private static void NoDuration(string op, params FeelValue[] values)
    {
        if (values.FirstOrDefault(v => v.Duration is not null) is { } d)
            throw new FeelException($"'{op}' med {What(d)} understøttes ikke.");
    }

    private static void Require(FeelValue value, ValueKind kind, string what)
    {
        if (value.Kind is { } k && k != kind) throw new FeelException($"{what} skal være {kind.Danish()}, men er {k.Danish()}.");
    }
}
