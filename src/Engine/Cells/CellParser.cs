namespace Serviceloven.Engine.Cells;

/// <summary>
/// Parser for the project's cell language. Input cells hold unary tests (<c>-</c>, <c>&lt; 18</c>,
/// <c>[18..67)</c>, <c>"a","b"</c>, <c>not(...)</c>, <c>null</c>); output cells and derived values hold expressions.
/// A '(' at the start of a test always opens a range, as in DMN. The <see cref="CellLimits"/> are checked here, before
/// anything else reads the text.
/// </summary>
public sealed class CellParser
{
    private readonly List<Token> _tokens;
    private readonly CellLimits _limits;
    private int _i;
    private int _depth;
    private int _terms;

    private CellParser(string text, CellLimits limits)
    {
        CheckLength(text, limits);
        _limits = limits;
        _tokens = Lexer.Tokenize(text);
    }

    private static void CheckLength(string text, CellLimits limits)
    {
        if (text.Length > limits.MaxLength) throw new CellException(limits.TooLong, limits.MaxLength);
    }

    public static Test ParseInput(string text)
    {
        CheckLength(text, CellLimits.Cell);
        if (text.Trim() == "-") return new AnyTest(text.IndexOf('-'));
        if (string.IsNullOrWhiteSpace(text)) throw new CellException("Cellen er tom; brug '-' for 'uanset'.", 0);
        var p = new CellParser(text, CellLimits.Cell);
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

    /// <summary>An output cell, or with <see cref="CellLimits.Expression"/> a derived value's expression.</summary>
    public static Expr ParseExpression(string text, CellLimits? limits = null)
    {
        limits ??= CellLimits.Cell;
        CheckLength(text, limits);
        if (string.IsNullOrWhiteSpace(text)) throw new CellException("Udtrykket er tomt.", 0);
        var p = new CellParser(text, limits);
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

    /// <summary>Every nested expression (the whole, a parenthesis, a call's argument) starts here, one level deeper.</summary>
    private Expr ParseOr()
    {
        Enter(Peek.Pos);
        var e = ParseChain(ParseAnd, () => IsKeyword("or"));
        _depth--;
        return e;
    }

    private Expr ParseAnd() => ParseChain(ParseNot, () => IsKeyword("and"));

    private Expr ParseNot()
    {
        if (IsKeyword("not"))
        {
            var pos = Next().Pos;
            Enter(pos);
            var operand = ParseNot();
            _depth--;
            return new Unary("not", operand, pos);
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

    private Expr ParseAdditive() => ParseChain(ParseMultiplicative, () => IsSymbol("+") || IsSymbol("-"));

    private Expr ParseMultiplicative() => ParseChain(ParseUnary, () => IsSymbol("*") || IsSymbol("/"));

    private Expr ParseUnary()
    {
        if (IsSymbol("-"))
        {
            var pos = Next().Pos;
            Enter(pos);
            var operand = ParseUnary();
            _depth--;
            return operand is NumberLit n ? new NumberLit(-n.Value, pos) : new Unary("-", operand, pos);
        }
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        var t = Next();
        if (++_terms > CellLimits.MaxTerms) throw new CellException(_limits.TooManyTerms, t.Pos);
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
                    case "and" or "or" or "not":
                        throw new CellException($"'{t.Text}' kan ikke stå her.", t.Pos);
                }
                if (IsSymbol("("))
                {
                    _i++;
                    var args = new List<Expr>();
                    if (!IsSymbol(")"))
                    {
                        args.Add(ParseOr());
                        while (IsSymbol(","))
                        {
                            _i++;
                            args.Add(ParseOr());
                        }
                    }
                    Expect(")");
                    return new Call(t.Text, args, t.Pos);
                }
                return new Ident(t.Text, t.Pos);
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

    /// <summary>Our own recursion stops at the depth limit, long before the stack could run out.</summary>
    private void Enter(int pos)
    {
        if (++_depth > CellLimits.MaxDepth) throw new CellException(_limits.TooDeep, pos);
    }

    /// <summary><c>operand (operator operand)*</c>, read in a loop and grouped by <see cref="Chain"/>.</summary>
    private Expr ParseChain(Func<Expr> operand, Func<bool> atOperator)
    {
        var first = operand();
        if (!atOperator()) return first;
        var operands = new List<Expr> { first };
        var operators = new List<Token> { default };
        while (atOperator())
        {
            operators.Add(Next());
            operands.Add(operand());
        }
        return Chain(operands, operators, 0, operands.Count - 1, false);
    }

    /// <summary>
    /// Groups operands[lo..hi] joined by operators[lo+1..hi]. A short chain groups left to right as written; a long one
    /// is split in the middle, so it nests log2(n) deep instead of n (Dynamic LINQ recurses once per level). Splitting
    /// keeps the value: a - b + c - d = (a - b) + (c - d) and a - b - c + d = (a - b) - (c + d), the right half's
    /// operators inverted after a '-' or '/' (<paramref name="inverted"/>).
    /// </summary>
    private static Expr Chain(List<Expr> operands, List<Token> operators, int lo, int hi, bool inverted)
    {
        if (hi - lo < CellLimits.MaxUnbalancedChain)
        {
            var left = operands[lo];
            for (var i = lo + 1; i <= hi; i++) left = new Binary(Operator(operators[i].Text, inverted), left, operands[i], operators[i].Pos);
            return left;
        }
        var mid = (lo + hi + 1) / 2;
        var op = Operator(operators[mid].Text, inverted);
        var right = Chain(operands, operators, mid, hi, op is "-" or "/" ? !inverted : inverted);
        return new Binary(op, Chain(operands, operators, lo, mid - 1, inverted), right, operators[mid].Pos);
    }

    private static string Operator(string op, bool inverted) => !inverted ? op : op switch
    {
        "+" => "-",
        "-" => "+",
        "*" => "/",
        "/" => "*",
        _ => op,
    };
}
