using System.Globalization;
using System.Text;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Cells;

public enum ExprType { Bool, Number, Date, String, Null }

/// <summary>A type-checked expression and the Dynamic LINQ text it compiles to.</summary>
public sealed record Emitted(ExprType Type, string Code, object? Constant = null, bool IsConstant = false);

/// <summary>
/// Type-checks cells against a <see cref="SymbolScope"/> and emits Microsoft RulesEngine (Dynamic LINQ) expressions.
/// Only names in the scope and functions in <see cref="CellFunctions"/> are accepted; everything else is refused with
/// its position. Helpers are reached only as static methods of <see cref="Fn"/>, registered in ReSettings.CustomTypes.
/// </summary>
public sealed partial class Emitter(SymbolScope scope, string parameterName = "f")
{
    public const string EnvProperty = "_env";
    public static string HasProperty(string name) => name + "_has";

    /// <summary>The context property of a name: a field "opsparing.timer" is the property "opsparing__timer".</summary>
    public static string PropertyName(string name) => name.Replace(".", "__", StringComparison.Ordinal);

    /// <summary>Satser referenced by the cells emitted so far.</summary>
    public HashSet<string> UsedSats { get; } = new(StringComparer.Ordinal);
    public HashSet<string> UsedLookups { get; } = new(StringComparer.Ordinal);
    public HashSet<string> UsedNames { get; } = new(StringComparer.Ordinal);

    /// <summary>The names of the functions in <see cref="CellFunctions"/>.</summary>
    public static IReadOnlyList<string> Functions => CellFunctions.Names;

    /// <summary>The names this emitter's cells may refer to.</summary>
    internal SymbolScope Scope => scope;

    internal string Prop(string name) => $"{parameterName}.{PropertyName(name)}";

    public static ExprType TypeOf(ValueKind kind) => kind switch
    {
        ValueKind.Bool => ExprType.Bool,
        ValueKind.Int or ValueKind.Decimal => ExprType.Number,
        ValueKind.Date => ExprType.Date,
        _ => ExprType.String,
    };

    internal static string Danish(ExprType t) => t switch
    {
        ExprType.Bool => "ja/nej",
        ExprType.Number => "tal",
        ExprType.Date => "dato",
        ExprType.String => "tekst",
        _ => "null",
    };

    // ---------- input cells ----------

    /// <summary>Emits the boolean test of an input cell against the input column <paramref name="input"/>.</summary>
    public string EmitTest(Test test, Symbol input)
    {
        UsedNames.Add(input.Name);
        return test switch
        {
            AnyTest => "true",
            NullTest => input.MayBeMissing ? $"!{Prop(HasProperty(input.Name))}" : "false",
            AnyOfTest any => Balanced(any.Tests.Select(t => EmitTest(t, input)).ToList(), "||"),
            NotTest not => ContainsNull(not.Inner) || !input.MayBeMissing
                ? $"!({EmitTest(not.Inner, input)})"
                : $"({Prop(HasProperty(input.Name))} && !({EmitTest(not.Inner, input)}))",
            CompareTest or RangeTest => Guard(input, EmitCore(test, input)),
            _ => throw new CellException("Ukendt test.", test.Pos),
        };
    }

    private static bool ContainsNull(Test t) => t switch
    {
        NullTest => true,
        AnyOfTest a => a.Tests.Any(ContainsNull),
        NotTest n => ContainsNull(n.Inner),
        _ => false,
    };

    private string Guard(Symbol input, string core) =>
        input.MayBeMissing ? $"({Prop(HasProperty(input.Name))} && {core})" : core;

    private string EmitCore(Test test, Symbol input)
    {
        var inputType = TypeOf(input.Kind);
        var value = Prop(input.Name);
        switch (test)
        {
            case CompareTest c:
            {
                var rhs = Emit(c.Value);
                CheckComparable(input, inputType, c.Op, rhs, c.Value);
                var op = c.Op == "=" ? "==" : c.Op;
                return $"({value} {op} {rhs.Code})";
            }
            case RangeTest r:
            {
                if (inputType is not (ExprType.Number or ExprType.Date))
                    throw new CellException($"Et interval kræver tal eller dato, men '{input.Name}' er {input.Kind.Danish()}.", r.Pos);
                var lo = Emit(r.Low);
                var hi = Emit(r.High);
                CheckComparable(input, inputType, "<", lo, r.Low);
                CheckComparable(input, inputType, "<", hi, r.High);
                return $"({value} {(r.LowClosed ? ">=" : ">")} {lo.Code} && {value} {(r.HighClosed ? "<=" : "<")} {hi.Code})";
            }
            default:
                throw new CellException("Ukendt test.", test.Pos);
        }
    }

    private static void CheckComparable(Symbol input, ExprType inputType, string op, Emitted rhs, Expr at)
    {
        if (rhs.Type == ExprType.Null)
            throw new CellException("Brug 'null' alene for at teste for manglende værdi.", at.Pos);
        if (rhs.Type != inputType)
            throw new CellException($"'{input.Name}' er {input.Kind.Danish()}, men værdien er {Danish(rhs.Type)}.", at.Pos);
        if (op is not ("=" or "!=") && inputType is ExprType.Bool or ExprType.String)
            throw new CellException($"'{op}' kan ikke bruges på {input.Kind.Danish()}.", at.Pos);
        if (input.Kind == ValueKind.Enum && rhs.IsConstant && rhs.Constant is string s && input.EnumValues is { } values && !values.Contains(s))
            throw new CellException($"'{s}' er ikke en af de tilladte værdier for '{input.Name}': {string.Join(", ", values)}.", at.Pos);
    }

    // ---------- expressions ----------

    /// <summary>Emits an output cell or derived value and checks that it has the declared kind.</summary>
    public Emitted EmitValue(Expr expr, ValueKind expected, IReadOnlyList<string>? enumValues, string what)
    {
        if (expected.IsStructured())
            throw new CellException($"{what} kan ikke være en {expected.Danish()}; et udtryk giver én værdi.", 0);
        var e = Emit(expr);
        if (e.Type == ExprType.Null)
            return e;
        if (e.Type != TypeOf(expected))
            throw new CellException($"{what} skal være {expected.Danish()}, men udtrykket giver {Danish(e.Type)}.", expr.Pos);
        if (expected == ValueKind.Enum && enumValues is { Count: > 0 })
            foreach (var lit in ResultLiterals(expr))
                if (!enumValues.Contains(lit.Value))
                    throw new CellException($"'{lit.Value}' er ikke en af de tilladte værdier for {what}: {string.Join(", ", enumValues)}.", lit.Pos);
        if (expected == ValueKind.Int && e.IsConstant && e.Constant is decimal d && d != decimal.Truncate(d))
            throw new CellException($"{what} skal være et heltal.", expr.Pos);
        return e;
    }

    /// <summary>The text literals an expression can result in: itself, or the branches of if(), however nested.</summary>
    private static IEnumerable<StringLit> ResultLiterals(Expr e) => e switch
    {
        StringLit s => [s],
        Call { Function: "if", Args.Count: 3 } c => ResultLiterals(c.Args[1]).Concat(ResultLiterals(c.Args[2])),
        _ => [],
    };

    /// <summary>
    /// Joins codes with an associative operator as a balanced tree, "((a || b) || (c || d))": Dynamic LINQ and the
    /// expression compilers recurse once per level, so a long list must not nest as deep as it is long.
    /// </summary>
    public static string Balanced(IReadOnlyList<string> codes, string op)
    {
        if (codes.Count == 1) return codes[0];
        string Join(int lo, int hi) => lo == hi ? codes[lo] : $"({Join(lo, (lo + hi) / 2)} {op} {Join((lo + hi) / 2 + 1, hi)})";
        return Join(0, codes.Count - 1);
    }

    private int _depth;

    /// <summary>Emits an expression; the code nests as the expression does, so its depth is limited here (<see cref="CellLimits"/>).</summary>
    public Emitted Emit(Expr expr)
    {
        if (_depth >= CellLimits.MaxDepth) throw new CellException(CellLimits.TooDeepCode, expr.Pos);
        _depth++;
        try { return EmitNode(expr); }
        finally { _depth--; }
    }

    private Emitted EmitNode(Expr expr)
    {
        switch (expr)
        {
            case NumberLit n:
                return new(ExprType.Number, NumberCode(n.Value), n.Value, true);
            case StringLit s:
                return new(ExprType.String, StringCode(s.Value), s.Value, true);
            case BoolLit b:
                return new(ExprType.Bool, b.Value ? "true" : "false", b.Value, true);
            case NullLit:
                return new(ExprType.Null, "null", null, true);
            case Ident id:
                return EmitSymbol(Resolve(id), id.Pos);
            case Member m:
                return EmitSymbol(Resolve(m), m.Pos);
            case Where w:
                throw new CellException($"'{CellParser.Where}' kan kun stå i count, sum, min, max, any og all.", w.Pos);
            case Unary { Op: "-" } u:
            {
                var o = Emit(u.Operand);
                Require(o, ExprType.Number, u.Operand, "'-'");
                return new(ExprType.Number, $"(-{o.Code})");
            }
            case Unary { Op: "not" } u:
            {
                var o = Emit(u.Operand);
                Require(o, ExprType.Bool, u.Operand, "'not'");
                return new(ExprType.Bool, $"!({o.Code})");
            }
            case Binary b:
                return EmitBinary(b);
            case Call c:
                return EmitCall(c);
            default:
                throw new CellException("Ukendt udtryk.", expr.Pos);
        }
    }

    private Emitted EmitBinary(Binary b)
    {
        var l = Emit(b.Left);
        var r = Emit(b.Right);
        switch (b.Op)
        {
            case "+" when l.Type == ExprType.String && r.Type == ExprType.String:
                return new(ExprType.String, $"({l.Code} + {r.Code})");
            case "+" or "-" or "*" or "/":
                Require(l, ExprType.Number, b.Left, $"'{b.Op}'");
                Require(r, ExprType.Number, b.Right, $"'{b.Op}'");
                return new(ExprType.Number, $"({l.Code} {b.Op} {r.Code})");
            case "and" or "or":
                Require(l, ExprType.Bool, b.Left, $"'{b.Op}'");
                Require(r, ExprType.Bool, b.Right, $"'{b.Op}'");
                return new(ExprType.Bool, $"({l.Code} {(b.Op == "and" ? "&&" : "||")} {r.Code})");
            default:
                if (l.Type != r.Type || l.Type == ExprType.Null)
                    throw new CellException($"Kan ikke sammenligne {Danish(l.Type)} med {Danish(r.Type)}.", b.Pos);
                if (b.Op is not ("=" or "!=") && l.Type is ExprType.Bool or ExprType.String)
                    throw new CellException($"'{b.Op}' kan ikke bruges på {Danish(l.Type)}.", b.Pos);
                CheckEnumLiteral(b.Left, b.Right);
                CheckEnumLiteral(b.Right, b.Left);
                return new(ExprType.Bool, $"({l.Code} {(b.Op == "=" ? "==" : b.Op)} {r.Code})");
        }
    }

    /// <summary>A text literal compared with an enum name must be one of its declared values ("physicl" never matches).</summary>
    private void CheckEnumLiteral(Expr name, Expr literal)
    {
        if (literal is not StringLit s || name is not (Ident or Member)) return;
        var sym = name is Ident id ? (TryResolve(id.Name, out var found) ? found : null) : TryResolvePath((Member)name);
        if (sym is { Kind: ValueKind.Enum, EnumValues: { Count: > 0 } values } && !values.Contains(s.Value))
            throw new CellException($"'{s.Value}' er ikke en af de tilladte værdier for '{sym.Name}': {string.Join(", ", values)}.", s.Pos);
    }

    internal static void Require(Emitted e, ExprType type, Expr at, string what)
    {
        if (e.Type != type)
            throw new CellException($"{what} kræver {Danish(type)}, men fik {Danish(e.Type)}.", at.Pos);
    }

    /// <summary>A call of a function in <see cref="CellFunctions"/>: arity, then the function's own emitter or a call of its Fn method.</summary>
    private Emitted EmitCall(Call c)
    {
        if (!CellFunctions.TryGet(c.Function, out var function))
        {
            if (scope.Functions.TryGetValue(c.Function, out var bkm)) return EmitInvocation(c, bkm);
            throw new CellException($"Funktionen '{c.Function}' findes ikke. Tilladte funktioner: {string.Join(", ", Functions.Concat(scope.Functions.Keys))}.", c.Pos);
        }
        // min and max have a form over a list's field: chosen when the one argument names a field of a list.
        var overloads = CellFunctions.Overloads(c.Function);
        if (overloads.Count > 1 && c.Args.Count == 1 && IsListArgument(c.Args[0]))
            function = overloads.First(f => f.OverList);
        CheckArity(function, c);
        if (function.Special is { } special) return special(this, c);
        var args = new List<string>(c.Args.Count + 1);
        if (function.UsesEnvironment) args.Add(Prop(EnvProperty));
        for (var i = 0; i < c.Args.Count; i++) args.Add(Argument(function.Parameters[i], c, i));
        return new(function.Result!.Value, $"Fn.{function.Method}({string.Join(", ", args)})");
    }

    private static void CheckArity(CellFunction function, Call c)
    {
        var (min, count) = (function.MinArgs, c.Args.Count);
        if (function.MaxArgs is not { } max)
        {
            if (count < min) throw new CellException($"{c.Function}() skal have mindst {min} argumenter.", c.Pos);
            return;
        }
        if (count < min || count > max)
            throw new CellException(min == max
                ? $"{c.Function}() tager {min} argument(er), men fik {count}."
                : $"{c.Function}() tager {min} til {max} argumenter, men fik {count}.", c.Pos);
    }

    /// <summary>The code of one argument of a plain call, checked against its parameter.</summary>
    private string Argument(CellParameter parameter, Call c, int i)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.Bool: return TypedArgument(c, i, ExprType.Bool);
            case ParameterKind.Number: return TypedArgument(c, i, ExprType.Number);
            case ParameterKind.Date: return TypedArgument(c, i, ExprType.Date);
            case ParameterKind.Text: return TypedArgument(c, i, ExprType.String);
            case ParameterKind.SatsKey: return KeyArgument(c, i, scope.SatsKeys, UsedSats, "sats");
            case ParameterKind.LookupKey: return KeyArgument(c, i, scope.LookupKeys, UsedLookups, "opslagstabel");
            case ParameterKind.Decimals:
                if (c.Args[i] is not NumberLit n || n.Value != decimal.Truncate(n.Value) || n.Value is < 0 or > 10)
                    throw new CellException($"{c.Function}() tager et antal decimaler mellem 0 og 10.", c.Args[i].Pos);
                return NumberCode(n.Value);
            default:
                // The table gives every function with such a parameter its own emitter; the table's test checks it.
                throw new InvalidOperationException($"{c.Function}(): parameteren '{parameter.Name}' kan ikke oversættes som et almindeligt argument.");
        }
    }

    private string TypedArgument(Call c, int i, ExprType type)
    {
        var e = Emit(c.Args[i]);
        Require(e, type, c.Args[i], $"{c.Function}()");
        return e.Code;
    }

    private static string KeyArgument(Call c, int i, HashSet<string>? known, HashSet<string> used, string kind)
    {
        if (c.Args[i] is not StringLit key)
            throw new CellException($"{c.Function}() skal have navnet på en {kind} i anførselstegn.", c.Args[i].Pos);
        if (known is not null && !known.Contains(key.Value))
            throw new CellException($"Ukendt {kind} '{key.Value}'.", key.Pos);
        used.Add(key.Value);
        return StringCode(key.Value);
    }

    public static string NumberCode(decimal value)
    {
        // Dynamic LINQ reads a whole-number literal as an integer first and refuses one beyond the range of a long;
        // such a number is written as hi * 10^10 + lo, two literals it reads, with the same value and scale.
        if (value == decimal.Truncate(value) && Math.Abs(value) > long.MaxValue)
        {
            var magnitude = Math.Abs(value);
            var high = decimal.Truncate(magnitude / 10_000_000_000m);
            var low = magnitude - high * 10_000_000_000m;
            var code = $"{high.ToString(CultureInfo.InvariantCulture)}m * 10000000000m + {low.ToString(CultureInfo.InvariantCulture)}m";
            return value < 0 ? $"(-({code}))" : $"({code})";
        }
        var s = value.ToString(CultureInfo.InvariantCulture) + "m";
        return value < 0 ? $"({s})" : s;
    }

    /// <summary>A string literal for Dynamic LINQ. The lexer already refused control characters.</summary>
    public static string StringCode(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var ch in value)
        {
            if (ch is '"' or '\\') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.Append('"').ToString();
    }
}
