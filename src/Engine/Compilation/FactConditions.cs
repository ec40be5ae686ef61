using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Compilation;

/// <summary>
/// A fact's <see cref="FactDefinition.RequiredWhen"/> condition, compiled once. <see cref="Checkpoint"/> is the point of
/// the evaluation where every value it reads is known: 0 before the derived values (it reads only facts and the decision
/// date), 1 after them, 2 + k after table k.
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

    internal sealed record Code(int FactIndex, FactDefinition Fact, Emitted Emitted, int Checkpoint, string[] Reads);

    public static List<Code> Emit(RulesetVersion version, SymbolScope scope, Emitter emitter, List<CellError> errors)
    {
        var codes = new List<Code>();
        if (!version.Facts.Any(f => f.RequiredWhen is not null)) return codes;

        var derived = version.Derived.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var outputTable = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < version.Tables.Count; k++)
            if (!version.Tables[k].ReturnsList)
                foreach (var o in version.Tables[k].Outputs) outputTable.TryAdd(o.Name, k);

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
            var checkpoint = 0;
            foreach (var name in reads)
            {
                if (derived.Contains(name)) checkpoint = Math.Max(checkpoint, 1);
                else if (outputTable.TryGetValue(name, out var k)) checkpoint = Math.Max(checkpoint, 2 + k);
            }
            if (EarlierRead(version, fact.Name, checkpoint) is { } where)
            {
                Error(0, $"'{fact.Name}' bruges i {where}, før betingelsen for, hvornår det er påkrævet, kan afgøres; " +
                    "flyt brugen til en senere tabel eller beskyt den med known().");
                continue;
            }
            codes.Add(new Code(i, fact, emitted, checkpoint, [.. reads]));
        }
        return codes;
    }

    /// <summary>Where the fact is read (outside known()) by a derived value or table that runs before the checkpoint.</summary>
    private static string? EarlierRead(RulesetVersion version, string fact, int checkpoint)
    {
        if (checkpoint >= 1)
            foreach (var d in version.Derived)
                if (Reads(d.Expression, fact)) return $"den afledte værdi '{d.Name}'";
        for (var k = 0; k < checkpoint - 1 && k < version.Tables.Count; k++)
        {
            var t = version.Tables[k];
            foreach (var row in t.Rows)
            {
                foreach (var cell in row.Then)
                    if (Reads(cell, fact)) return $"tabel '{t.Id}', række '{row.Id}'";
                foreach (var cell in row.When)
                    if (ReadsInTest(cell, fact)) return $"tabel '{t.Id}', række '{row.Id}'";
            }
            foreach (var cell in t.Default ?? [])
                if (Reads(cell, fact)) return $"tabel '{t.Id}', standardresultatet";
        }
        return null;
    }

    // Cells that do not parse are reported by the compiler itself; here they simply read nothing.
    private static bool Reads(string expression, string fact)
    {
        try { return Names(CellParser.ParseExpression(expression), includeKnown: false).Contains(fact); }
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
            case Unary u: Walk(u.Operand, names, includeKnown); break;
            case Binary b: Walk(b.Left, names, includeKnown); Walk(b.Right, names, includeKnown); break;
            // known(x) reads only whether x was given, which never fails.
            case Call { Function: "known" } c when !includeKnown: break;
            case Call c: foreach (var a in c.Args) Walk(a, names, includeKnown); break;
        }
    }
}
