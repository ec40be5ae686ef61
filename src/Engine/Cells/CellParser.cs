namespace Serviceloven.Engine.Cells;

/// <summary>
/// Parser for the project's cell language. Input cells hold unary tests (<c>-</c>, <c>&lt; 18</c>,
/// <c>[18..67)</c>, <c>"a","b"</c>, <c>not(...)</c>, <c>null</c>); output cells and derived values hold expressions.
/// A '(' at the start of a test always opens a range, as in DMN.
/// </summary>
public sealed class CellParser
{
    private readonly List<Token> _tokens;
    private int _i;

    private CellParser(string text) => _tokens = Lexer.Tokenize(text);

    public static Test ParseInput(string text)
    {
        if (text.Trim() == "-") return new AnyTest(text.IndexOf('-'));
        if (string.IsNullOrWhiteSpace(text)) throw new CellException("Cellen er tom; brug '-' for 'uanset'.", 0);
        var p = new CellParser(text);
        Test result;
        if (p.Peek.Kind == TokenKind.Ident && p.Peek.Text == "not" && p.PeekAt(1).Text == "(")
        {
            var pos = p.Next().Pos;
            p.Expect("(");
            var inner = p.ParseTestList();
            p.Expect(")");
            result = new NotTest(inner, pos);
        }
        else
        {
            result = p.ParseTestList();
        }
        p.ExpectEnd();
        return result;
    }

    public static Expr ParseExpression(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new CellException("Udtrykket er tomt.", 0);
        var p = new CellParser(text);
        var e = p.ParseOr();
        p.ExpectEnd();
        return e;
    }

    private Token Peek => _tokens[_i];
    private Token PeekAt(int k) => _tokens[Math.Min(_i + k, _tokens.Count - 1)];
    private Token Next() => _tokens[_i++];
    private bool IsSymbol(string s) => Peek.Kind == TokenKind.Symbol && Peek.Text == s;
    private bool IsKeyword(string s) => Peek.Kind == TokenKind.Ident && Peek.Text == s;

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol))
            throw new CellException(Peek.Kind == TokenKind.End
                ? $"Forventede '{symbol}', men cellen slutter."
                : $"Forventede '{symbol}', men fandt '{Peek.Text}'.", Peek.Pos);
        _i++;
    }

    private void ExpectEnd()
    {
        if (Peek.Kind != TokenKind.End)
            throw new CellException($"Uventet '{Peek.Text}'.", Peek.Pos);
    }

    private Test ParseTestList()
    {
        var first = ParseTest();
        if (!IsSymbol(",")) return first;
        var tests = new List<Test> { first };
        while (IsSymbol(","))
        {
            _i++;
            tests.Add(ParseTest());
        }
        return new AnyOfTest(tests, first.Pos);
    }

    private Test ParseTest()
    {
        var t = Peek;
        if (IsKeyword("null") && PeekAt(1).Kind is TokenKind.End || IsKeyword("null") && PeekAt(1).Text is "," or ")")
        {
            _i++;
            return new NullTest(t.Pos);
        }
        if (t.Kind == TokenKind.Symbol)
        {
            switch (t.Text)
            {
                case "<" or "<=" or ">" or ">=" or "!=":
                    _i++;
                    return new CompareTest(t.Text, ParseAdditive(), t.Pos);
                case "=" or "==":
                    _i++;
                    return new CompareTest("=", ParseAdditive(), t.Pos);
                case "[" or "(" or "]":
                    _i++;
                    var low = ParseAdditive();
                    Expect("..");
                    var high = ParseAdditive();
                    var close = Peek;
                    if (!(close.Kind == TokenKind.Symbol && close.Text is "]" or ")" or "["))
                        throw new CellException("Et interval skal slutte med ']' (lukket) eller ')' (åbent).", close.Pos);
                    _i++;
                    return new RangeTest(low, t.Text == "[", high, close.Text == "]", t.Pos);
            }
        }
        return new CompareTest("=", ParseAdditive(), t.Pos);
    }

    /// <summary>A call's argument: an expression, or a list with a condition (<c>opsparing.timer hvor maaned &lt; x</c>).</summary>
    private Expr ParseArgument()
    {
        var e = ParseOr();
        if (!IsKeyword(Where)) return e;
        var pos = Next().Pos;
        if (Peek.Kind == TokenKind.End || IsSymbol(")") || IsSymbol(","))
            throw new CellException($"'{Where}' skal følges af en betingelse.", pos);
        return new Where(e, ParseOr(), pos);
    }

    /// <summary>The keyword that gives a list function its condition.</summary>
    public const string Where = "hvor";

    /// <summary><c>a.b.c</c>: fields after a name. A field name is a plain name; anything else after a '.' is refused.</summary>
    private Expr ParseMembers(Expr target)
    {
        while (IsSymbol("."))
        {
            var dot = Next();
            if (Peek.Kind != TokenKind.Ident)
                throw new CellException("Punktum skal følges af navnet på et felt.", dot.Pos);
            var name = Next();
            if (IsSymbol("("))
                throw new CellException($"Punktum: metodekald som '.{name.Text}(...)' kan ikke bruges i en celle.", dot.Pos);
            target = new Member(target, name.Text, dot.Pos, name.Pos);
        }
        return target;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            var pos = Next().Pos;
            left = new Binary("or", left, ParseAnd(), pos);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword("and"))
        {
            var pos = Next().Pos;
            left = new Binary("and", left, ParseNot(), pos);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (IsKeyword("not"))
        {
            var pos = Next().Pos;
            return new Unary("not", ParseNot(), pos);
        }
        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "<" or "<=" or ">" or ">=" or "=" or "==" or "!=")
        {
            var op = Next();
            return new Binary(op.Text == "==" ? "=" : op.Text, left, ParseAdditive(), op.Pos);
        }
        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            var op = Next();
            left = new Binary(op.Text, left, ParseMultiplicative(), op.Pos);
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (IsSymbol("*") || IsSymbol("/"))
        {
            var op = Next();
            left = new Binary(op.Text, left, ParseUnary(), op.Pos);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (IsSymbol("-"))
        {
            var pos = Next().Pos;
            var operand = ParseUnary();
            return operand is NumberLit n ? new NumberLit(-n.Value, pos) : new Unary("-", operand, pos);
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return new NumberLit(t.Number, t.Pos);
            case TokenKind.String:
                return new StringLit(t.Text, t.Pos);
            case TokenKind.Ident:
                switch (t.Text)
                {
                    case "true": return new BoolLit(true, t.Pos);
                    case "false": return new BoolLit(false, t.Pos);
                    case "null": return new NullLit(t.Pos);
                    case "and" or "or" or "not" or Where:
                        throw new CellException($"'{t.Text}' kan ikke stå her.", t.Pos);
                }
                if (IsSymbol("("))
                {
                    _i++;
                    var args = new List<Expr>();
                    if (!IsSymbol(")"))
                    {
                        args.Add(ParseArgument());
                        while (IsSymbol(","))
                        {
                            _i++;
                            args.Add(ParseArgument());
                        }
                    }
                    Expect(")");
                    return new Call(t.Text, args, t.Pos);
                }
                return ParseMembers(new Ident(t.Text, t.Pos));
            case TokenKind.Symbol when t.Text == "(":
                var inner = ParseOr();
                Expect(")");
                return inner;
            case TokenKind.End:
                throw new CellException("Udtrykket slutter for tidligt.", t.Pos);
            default:
                throw new CellException($"Uventet '{t.Text}'.", t.Pos);
        }
    }
}
