using System.Globalization;
using System.Runtime.CompilerServices;
using Scriban.Runtime;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// The rows of a version as a template reads them, so a letter states a rule's limits from the rule itself instead of
/// restating them: <c>rows["R97-04"].when.age.value</c> is 18 while R97-04 says <c>&lt; 18</c>, and 19 once a draft says
/// <c>&lt; 19</c>. Built once per compiled version and read-only, so every render shares it.
/// </summary>
/// <remarks>
/// A cell is an object with <c>text</c> (as written), <c>op</c> (<c>&lt;</c>, <c>&gt;=</c>, <c>=</c>, <c>range</c>,
/// <c>in</c>, <c>not</c>, <c>-</c>, <c>null</c>; output cells have none) and, where the cell names one: <c>value</c>
/// (a number, date, text or yes/no written in the cell), <c>low</c>/<c>high</c> (a range's bounds), <c>values</c> (a list
/// of literals), <c>name</c> (a fact or derived value compared with), <c>sats</c> (the key of a sats used) and
/// <c>numbers</c> (every number written in the cell, in order: the 90 of <c>min(hours, 90)</c>).
/// </remarks>
public static class RuleCells
{
    private static readonly ConditionalWeakTable<CompiledVersion, ScriptObject> Cache = new();

    /// <summary>Every row of every table by its id: id, table, tableLabel, ref, reason, note, when.&lt;input&gt;, then.&lt;output&gt;.</summary>
    public static ScriptObject Rows(CompiledVersion version) => Cache.GetValue(version, v => Build(v.Content));

    private static ScriptObject Build(RulesetVersion content)
    {
        var rows = new ScriptObject();
        foreach (var table in content.Tables)
            foreach (var row in table.Rows)
            {
                if (rows.ContainsKey(row.Id)) continue; // row ids are unique per version; the validator reports a duplicate
                var when = new ScriptObject();
                for (var i = 0; i < table.Inputs.Count && i < row.When.Count; i++) when[table.Inputs[i].Name] = Frozen(Input(row.When[i]));
                var then = new ScriptObject();
                for (var i = 0; i < table.Outputs.Count && i < row.Then.Count; i++) then[table.Outputs[i].Name] = Frozen(Output(row.Then[i]));
                rows[row.Id] = Frozen(Obj(("id", row.Id), ("table", table.Id), ("tableLabel", table.Label ?? table.Id), ("ref", row.Ref),
                    ("reason", row.Reason), ("note", row.Note), ("when", Frozen(when)), ("then", Frozen(then))));
            }
        return Frozen(rows);
    }

    internal static ScriptObject Input(string text)
    {
        Test test;
        try { test = CellParser.ParseInput(text); }
        catch (CellException) { return Obj(("text", text.Trim())); }
        return WithNumbers(Cell(test, text.Trim()), Exprs(test));
    }

    /// <summary>The value expressions a test compares with (a range's two ends, every test of an any-of).</summary>
    internal static IEnumerable<Expr> Exprs(Test test) => test switch
    {
        CompareTest c => [c.Value],
        RangeTest r => [r.Low, r.High],
        AnyOfTest a => a.Tests.SelectMany(Exprs),
        NotTest n => Exprs(n.Inner),
        _ => [],
    };

    /// <summary>Every number written in the cell, in order (the 90 of min(hours, 90)), for a limit inside an expression.</summary>
    private static ScriptObject WithNumbers(ScriptObject cell, IEnumerable<Expr> exprs)
    {
        var numbers = exprs.SelectMany(Numbers).Cast<object?>().ToList();
        if (numbers.Count > 0) cell["numbers"] = new ScriptArray(numbers) { IsReadOnly = true };
        return cell;
    }

    private static IEnumerable<decimal> Numbers(Expr e) => e switch
    {
        NumberLit n => [n.Value],
        Unary u => Numbers(u.Operand),
        Binary b => Numbers(b.Left).Concat(Numbers(b.Right)),
        Call c => c.Args.SelectMany(Numbers),
        // A list function's condition holds limits too: the 37 of count(hjaelpere hvor timer > 37).
        Where w => Numbers(w.Source).Concat(Numbers(w.Condition)),
        _ => [],
    };

    private static ScriptObject Cell(Test test, string text) => test switch
    {
        AnyTest => Obj(("text", text), ("op", "-")),
        NullTest => Obj(("text", text), ("op", "null")),
        CompareTest c => Described(Obj(("text", text), ("op", c.Op)), c.Value),
        RangeTest r => Obj(("text", text), ("op", "range"), ("low", Literal(r.Low)), ("high", Literal(r.High)),
            ("lowClosed", r.LowClosed), ("highClosed", r.HighClosed)),
        AnyOfTest a => Obj(("text", text), ("op", "in"),
            ("values", new ScriptArray(a.Tests.OfType<CompareTest>().Select(t => Literal(t.Value)).Where(v => v is not null)) { IsReadOnly = true })),
        NotTest n => Obj(("text", text), ("op", "not"), ("inner", Frozen(Cell(n.Inner, text)))),
        _ => Obj(("text", text)),
    };

    internal static ScriptObject Output(string text)
    {
        try
        {
            var e = CellParser.ParseExpression(text);
            return WithNumbers(Described(Obj(("text", text.Trim())), e), [e]);
        }
        catch (CellException) { return Obj(("text", text.Trim())); }
    }

    /// <summary>Adds what an expression names: its literal value, the name it refers to, or the sats it reads.</summary>
    private static ScriptObject Described(ScriptObject cell, Expr e)
    {
        if (Literal(e) is { } value) cell["value"] = value;
        else if (e is Ident id) cell["name"] = id.Name;
        else if (e is Call { Function: "sats" or "satsSum", Args: [StringLit key, ..] }) cell["sats"] = key.Value;
        return cell;
    }

    /// <summary>The value an expression writes literally (18, "afslag", true, date("2027-03-01")); null for anything computed.</summary>
    internal static object? Literal(Expr e) => e switch
    {
        NumberLit n => n.Value,
        StringLit s => s.Value,
        BoolLit b => b.Value,
        Call { Function: "date", Args: [StringLit s] } when DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => null,
    };

    private static ScriptObject Obj(params (string Name, object? Value)[] members)
    {
        var o = new ScriptObject(members.Length);
        foreach (var (name, value) in members) o[name] = value;
        return o;
    }

    private static ScriptObject Frozen(ScriptObject o)
    {
        o.IsReadOnly = true;
        return o;
    }
}
