using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

/// <summary>
/// A fact's <see cref="FactDefinition.RequiredWhen"/> condition, compiled once. <see cref="Checkpoint"/> is the point of
/// the evaluation where every value it reads is known: 0 before the first decision (it reads only facts and the decision
/// date), s + 1 after step s of the version's dependency order.
/// </summary>
public sealed record CompiledCondition(int FactIndex, FactDefinition Fact, CompiledValue Test, int Checkpoint, string[] Reads);

/// <summary>
/// Type-checks the requiredWhen conditions of a version against its whole scope and works out when each can be checked.
/// A condition is a boolean cell expression; it may not read its own fact, and the fact may not be read (outside
/// known()) by a derived value or table that runs before the condition is checked, or that read would fail first.
/// </summary>
internal static class FactConditions
{
    public const string Column = "requiredWhen";

    internal sealed record Code(int FactIndex, FactDefinition Fact, Emitted Emitted, string[] Reads)
    {
        public int Checkpoint { get; set; }
    }

    /// <summary>Type-checks each condition against the whole scope; when it can be checked is worked out once the order is known.</summary>
    public static List<Code> Emit(RulesetVersion version, SymbolScope scope, Emitter emitter, List<CellError> errors)
    {
        var codes = new List<Code>();
        if (!version.Facts.Any(f => f.RequiredWhen is not null)) return codes;
        for (var i = 0; i < version.Facts.Count; i++)
        {
            var fact = version.Facts[i];
            if (fact.RequiredWhen is not { } text) continue;
            void Error(int position, string message) =>
                errors.Add(new CellError("(fakta)", fact.Name, Column, position, message, text));

            if (fact.Required)
            {
                Error(0, $"Faktum '{fact.Name}' er altid påkrævet; en betingelse for, hvornår det er påkrævet, kræver \"required\": false.");
                continue;
            }
            Expr expr;
            Emitted emitted;
            try
            {
                expr = CellParser.ParseExpression(text);
                emitted = emitter.EmitValue(expr, ValueKind.Bool, null, $"Betingelsen for, hvornår '{fact.Name}' er påkrævet,");
                if (emitted.Type != ExprType.Bool)
                    throw new CellException($"Betingelsen for, hvornår '{fact.Name}' er påkrævet, skal være ja/nej.", expr.Pos);
            }
            catch (CellException ex)
            {
                Error(ex.Position, ex.Message);
                continue;
            }

            var reads = Names(expr, includeKnown: true);
            if (reads.Contains(fact.Name))
            {
                Error(0, $"Betingelsen for, hvornår '{fact.Name}' er påkrævet, kan ikke læse faktummet selv.");
                continue;
            }
            codes.Add(new Code(i, fact, emitted, [.. reads]));
        }
        return codes;
    }

    /// <summary>
    /// Each condition is checked right after the last step that gives a value it reads; the fact may not be read
    /// (outside known()) by a step before that, or that read would fail first.
    /// </summary>
    /// <param name="provides">Per step of the order, the names it gives.</param>
    /// <param name="reads">Per step, the cells it evaluates, each with where it stands (input cells marked as tests).</param>
    public static void Schedule(List<Code> codes, IReadOnlyList<IReadOnlySet<string>> provides,
        IReadOnlyList<IEnumerable<(string Where, string Text, bool IsTest)>> reads, List<CellError> errors)
    {
        foreach (var code in codes.ToList())
        {
            var checkpoint = 0;
            for (var s = 0; s < provides.Count; s++)
                if (code.Reads.Any(provides[s].Contains)) checkpoint = s + 1;
            code.Checkpoint = checkpoint;
            for (var s = 0; s < checkpoint - 1; s++)
            {
                var read = reads[s].FirstOrDefault(c => c.IsTest ? ReadsInTest(c.Text, code.Fact.Name) : Reads(c.Text, code.Fact.Name));
                if (read.Where is null) continue;
                errors.Add(new CellError("(fakta)", code.Fact.Name, Column, 0,
                    $"'{code.Fact.Name}' bruges i {read.Where}, før betingelsen for, hvornår det er påkrævet, kan afgøres; " +
                    "flyt brugen til en senere tabel eller beskyt den med known().", code.Fact.RequiredWhen!));
                codes.Remove(code);
                break;
            }
        }
    }

    // Cells that do not parse are reported by the compiler itself; here they simply read nothing. A derived value's
    // expression may be longer than a cell, so the expression limits apply (a cell that compiled is within them too).
    private static bool Reads(string expression, string fact)
    {
        try { return Names(CellParser.ParseExpression(expression, CellLimits.Expression), includeKnown: false).Contains(fact); }
        catch (CellException) { return false; }
    }

    /// <summary>An input cell tests its column safely (a missing value fails the test); only values it compares with are read.</summary>
    private static bool ReadsInTest(string cell, string fact)
    {
        try
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            Visit(CellParser.ParseInput(cell), names);
            return names.Contains(fact);
        }
        catch (CellException) { return false; }
    }

    private static void Visit(Test test, HashSet<string> names)
    {
        switch (test)
        {
            case CompareTest c: Walk(c.Value, names, includeKnown: false); break;
            case RangeTest r: Walk(r.Low, names, false); Walk(r.High, names, false); break;
            case AnyOfTest any: foreach (var x in any.Tests) Visit(x, names); break;
            case NotTest n: Visit(n.Inner, names); break;
        }
    }

    private static HashSet<string> Names(Expr expr, bool includeKnown)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Walk(expr, names, includeKnown);
        return names;
    }

    private static void Walk(Expr e, HashSet<string> names, bool includeKnown)
    {
        switch (e)
        {
            case Ident id: names.Add(id.Name); break;
            case Member m: Walk(m.Target, names, includeKnown); break;
            case Where w: Walk(w.Source, names, includeKnown); Walk(w.Condition, names, includeKnown); break;
            case Unary u: Walk(u.Operand, names, includeKnown); break;
            case Binary b: Walk(b.Left, names, includeKnown); Walk(b.Right, names, includeKnown); break;
            // known(x) reads only whether x was given, which never fails.
            case Call { Function: "known" } c when !includeKnown: break;
            case Call c: foreach (var a in c.Args) Walk(a, names, includeKnown); break;
        }
    }
}
