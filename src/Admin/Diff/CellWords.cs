using System.Globalization;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;

namespace Serviceloven.Admin.Diff;

/// <summary>
/// A version's cells as a lawyer reads them: <c>&lt; 18</c> on age is "under 18", <c>"afslag"</c> is the value's Danish
/// label, names are the facts' and derived values' labels, <c>date("2027-03-01")</c> is "1. marts 2027" and a sats is its
/// label. A cell that does not parse is shown as written, so a diff never fails on a broken draft.
/// </summary>
public sealed class CellWords
{
    private readonly Dictionary<string, (string Label, ValueKind Type, IReadOnlyList<EnumValue>? Values)> _names = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _satsLabel;

    public CellWords(RulesetVersion version, Func<string, string?>? satsLabel = null)
    {
        _satsLabel = satsLabel ?? (_ => null);
        foreach (var f in version.Facts) _names[f.Name] = (f.Label, f.Type, f.Values);
        foreach (var d in version.Derived) _names.TryAdd(d.Name, (d.Label, d.Type, null));
        foreach (var o in version.Tables.SelectMany(t => t.Outputs)) _names.TryAdd(o.Name, (o.Label ?? o.Name, o.Type, o.Values));
        _names.TryAdd("decisionDate", ("Afgørelsesdato", ValueKind.Date, null));
    }

    /// <summary>The Danish label of a fact, derived value or output (the name itself when it has none).</summary>
    public string Label(string name) => _names.TryGetValue(name, out var n) ? n.Label : name;

    /// <summary>An input cell's test on <paramref name="input"/>, e.g. "under 18", "alle", "afslag eller henvist".</summary>
    public string Input(string cell, string input)
    {
        try { return Test(CellParser.ParseInput(cell), input); }
        catch (CellException) { return cell.Trim(); }
    }

    /// <summary>An output cell's value or expression in words; enum values by their label.</summary>
    public string Output(string cell, TableOutput output)
    {
        try { return Expr(CellParser.ParseExpression(cell), output.Values); }
        catch (CellException) { return cell.Trim(); }
    }

    /// <summary>A derived value's expression with names as labels.</summary>
    public string Expression(string text)
    {
        try { return Expr(CellParser.ParseExpression(text), null); }
        catch (CellException) { return text.Trim(); }
    }

    private string Test(Test test, string input)
    {
        var values = _names.TryGetValue(input, out var n) ? n.Values : null;
        var isDate = n.Type == ValueKind.Date;
        return test switch
        {
            AnyTest => "alle",
            NullTest => "ikke oplyst",
            CompareTest c => Compare(c.Op, TestValue(c.Value, values), isDate),
            RangeTest r => Range(r, values, isDate),
            AnyOfTest a => DanishFormat.List(a.Tests.Select(t => Test(t, input)), "eller"),
            NotTest x => "ikke " + Test(x.Inner, input),
            _ => test.ToString() ?? "",
        };
    }

    /// <summary>A value tested against: a text or choice in «» so a label with "eller" in it reads as one value.</summary>
    private string TestValue(Expr e, IReadOnlyList<EnumValue>? values) => e is StringLit ? $"«{Expr(e, values)}»" : Expr(e, values);

    private static string Compare(string op, string value, bool date) => (op, date) switch
    {
        ("=", _) => value,
        ("!=", _) => "ikke " + value,
        ("<", false) => "under " + value,
        ("<=", false) => "højst " + value,
        (">", false) => "over " + value,
        (">=", false) => "mindst " + value,
        ("<", true) => "før " + value,
        ("<=", true) => "senest " + value,
        (">", true) => "efter " + value,
        (">=", true) => "fra og med " + value,
        _ => op + " " + value,
    };

    private string Range(RangeTest r, IReadOnlyList<EnumValue>? values, bool date)
    {
        var low = Expr(r.Low, values);
        var high = Expr(r.High, values);
        var from = r.LowClosed ? (date ? "fra og med " : "fra ") + low : (date ? "efter " : "over ") + low;
        var to = r.HighClosed ? "til og med " + high : (date ? "til før " : "til under ") + high;
        return from + " " + to;
    }

    private string Expr(Expr e, IReadOnlyList<EnumValue>? values) => e switch
    {
        NumberLit n => DanishFormat.Number(n.Value),
        StringLit s => values?.FirstOrDefault(v => v.Value == s.Value)?.Label ?? s.Value,
        BoolLit b => b.Value ? "ja" : "nej",
        NullLit => "ingen værdi",
        Ident i => Lower(Label(i.Name)),
        Unary { Op: "not" } u => "ikke " + Expr(u.Operand, values),
        Unary u => u.Op + Expr(u.Operand, values),
        Binary { Op: "and" } b => Expr(b.Left, values) + " og " + Expr(b.Right, values),
        Binary { Op: "or" } b => Expr(b.Left, values) + " eller " + Expr(b.Right, values),
        Binary b => $"{Expr(b.Left, values)} {Operator(b.Op)} {Expr(b.Right, values)}",
        Call c => Call(c, values),
        _ => e.ToString() ?? "",
    };

    private static string Operator(string op) => op switch { "*" => "×", "/" => "÷", "!=" => "≠", "<=" => "≤", ">=" => "≥", _ => op };

    private string Call(Call c, IReadOnlyList<EnumValue>? values)
    {
        string Arg(int i) => i < c.Args.Count ? Expr(c.Args[i], values) : "";
        return c.Function switch
        {
            "date" when c.Args is [StringLit s] && DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                => DanishFormat.Date(d),
            "sats" when c.Args is [StringLit key, ..] => "satsen " + (_satsLabel(key.Value) is { } label ? $"{key.Value} ({Lower(label)})" : key.Value)
                + (c.Args.Count > 1 ? " på " + Arg(1) : ""),
            "min" => "det mindste af " + DanishFormat.List(c.Args.Select(a => Expr(a, values))),
            "max" => "det største af " + DanishFormat.List(c.Args.Select(a => Expr(a, values))),
            "if" => $"{Arg(1)} hvis {Arg(0)}, ellers {Arg(2)}",
            "known" => Arg(0) + " er oplyst",
            "ageAt" => $"alderen på {Arg(1)}",
            _ => $"{c.Function}({string.Join(", ", c.Args.Select(a => Expr(a, values)))})",
        };
    }

    /// <summary>A label inside a sentence: lower-case first letter, unless it starts an abbreviation (BPA).</summary>
    internal static string Lower(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLower(label[0], CultureInfo.GetCultureInfo("da-DK")) + label[1..] : label;
}
