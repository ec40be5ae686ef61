using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Compilation;

/// <summary>How a named value reads in Danish: its label, and its values with their unit or the labels of its choices.</summary>
public sealed class NameWording(string label, string? unit, IReadOnlyDictionary<string, string>? choices, string missing)
{
    public string Label { get; } = label;

    /// <summary>The label inside a sentence (see <see cref="CellWording.Inline"/>), computed once.</summary>
    public string InlineLabel { get; } = CellWording.Inline(label);

    public NameWording WithLabel(string other) => new(other, unit, choices, missing);

    public string Value(object? value) => value switch
    {
        null => missing,
        string s when choices is not null && choices.TryGetValue(s, out var choice) => CellWording.Inline(choice),
        decimal d when !string.IsNullOrEmpty(unit) => DanishFormat.WithUnit(d, unit),
        _ => DanishFormat.Value(value),
    };
}

/// <summary>A value the trace shows beside the failing cell's own: a name the cell compares with, or a sats it reads.</summary>
public sealed record ComparedValue(string Name, NameWording Wording, bool IsSats);

/// <summary>
/// The input cells of a version written as Danish requirements for the trace ("skal være ja", "skal være mindst 18 år",
/// "skal være Fysisk funktionsnedsættelse eller Psykisk funktionsnedsættelse"), in the labels of the facts and the labels
/// of their choices, never in the cell language. Built once per compiled version.
/// </summary>
public sealed class CellWording
{
    private readonly Dictionary<string, NameWording> _names = new(StringComparer.Ordinal);
    private readonly SymbolScope _scope;
    private readonly SatsCatalog? _satser;

    public CellWording(RulesetVersion version, SymbolScope scope, SatsCatalog? satser)
    {
        _scope = scope;
        _satser = satser;
        foreach (var f in version.Facts) _names[f.Name] = new(f.Label, f.Unit, Choices(f.Values), "ikke oplyst");
        foreach (var d in version.Derived) _names.TryAdd(d.Name, new(d.Label, d.Unit, null, "ingen værdi"));
        foreach (var t in version.Tables)
            foreach (var o in t.Outputs)
                _names.TryAdd(o.Name, new(o.Label ?? Label(o.Name), o.Unit, Choices(o.Values), "ingen værdi"));
    }

    /// <summary>The wording of a fact, derived value or output; a table input may give its own label.</summary>
    public NameWording Name(string name, string? label = null)
    {
        var wording = _names.GetValueOrDefault(name) ?? new NameWording(Label(name), null, null, "ingen værdi");
        return label is null || label == wording.Label ? wording : wording.WithLabel(label);
    }

    /// <summary>The wording of a sats: its label in the catalog the version was compiled against.</summary>
    public NameWording Sats(string key)
    {
        var series = _satser?.Get(key);
        return new NameWording(series?.Label ?? $"satsen {key}", series?.Unit, null, "ingen værdi");
    }

    /// <summary>A label at the start of the sentence: "Afgørelsesdato skal være ...".</summary>
    public static string Start(string label) => label.Length > 0 && char.IsLower(label[0]) ? char.ToUpperInvariant(label[0]) + label[1..] : label;

    /// <summary>A label inside the sentence: "Dato for den øvre aldersgrænse" as "dato for ...", but "BPA-ordning" and "§ 96" as they are.</summary>
    public static string Inline(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    /// <summary>The satser a cell reads, for the trace to show their values on the decision date.</summary>
    public static List<string> SatsKeysIn(Test test)
    {
        var keys = new List<string>();
        Visit(test, e =>
        {
            if (e is Call { Function: "sats", Args: [StringLit key, ..] } && !keys.Contains(key.Value)) keys.Add(key.Value);
        });
        return keys;
    }

    /// <summary>"skal være ja", "skal ikke være Sociale årsager", "skal være oplyst": the cell as a requirement on its input.</summary>
    public string Requirement(Test test, NameWording input) => test switch
    {
        NotTest { Inner: NullTest } => "skal være oplyst",
        NullTest => "skal ikke være oplyst",
        _ => "skal " + Phrase(test, input),
    };

    private string Phrase(Test test, NameWording input) => test switch
    {
        AnyTest => "kunne være hvad som helst",
        NullTest => "mangle",
        NotTest { Inner: NullTest } => "være oplyst",
        NotTest n => "ikke " + Phrase(n.Inner, input),
        CompareTest c => Compare(c.Op, c.Value, input),
        RangeTest r => $"være {Lower(r.LowClosed, IsDate(r.Low))} {Value(r.Low, input)} og {Upper(r.HighClosed, IsDate(r.High))} {Value(r.High, input)}",
        AnyOfTest any => AnyOf(any, input),
        _ => "opfylde cellen",
    };

    /// <summary>"være a, b eller c" when every part is a "være ...", otherwise each part joined with "eller".</summary>
    private string AnyOf(AnyOfTest any, NameWording input)
    {
        var phrases = any.Tests.Select(t => Phrase(t, input)).ToList();
        return phrases.All(p => p.StartsWith("være ", StringComparison.Ordinal))
            ? "være " + DanishFormat.List(phrases.Select(p => p[5..]), "eller")
            : DanishFormat.List(phrases, "eller");
    }

    private string Compare(string op, Expr value, NameWording input)
    {
        var v = Value(value, input);
        var date = IsDate(value);
        return op switch
        {
            "!=" => $"ikke være {v}",
            "<" => $"være {(date ? "før" : "under")} {v}",
            "<=" => $"være {Upper(true, date)} {v}",
            ">" => $"være {(date ? "efter" : "over")} {v}",
            ">=" => $"være {Lower(true, date)} {v}",
            _ => $"være {v}",
        };
    }

    private static string Lower(bool closed, bool date) => closed ? (date ? "tidligst" : "mindst") : (date ? "efter" : "over");
    private static string Upper(bool closed, bool date) => closed ? (date ? "senest" : "højst") : (date ? "før" : "under");

    /// <summary>Whether an expression is a date, as far as its form tells (a date literal or a date-valued name).</summary>
    private bool IsDate(Expr e) => e switch
    {
        Call { Function: "date" or "addDays" or "addMonths" or "addYears" } => true,
        Call { Function: "min" or "max", Args.Count: > 0 } c => IsDate(c.Args[0]),
        Ident id => _scope.TryGet(id.Name, out var s) && s.Kind == ValueKind.Date,
        _ => false,
    };

    /// <summary>An expression in words: literals as Danish values (in the input's unit or choice labels), names by their labels.</summary>
    private string Value(Expr e, NameWording input) => e switch
    {
        NumberLit or StringLit or BoolLit => input.Value(Literal(e)),
        _ => Words(e),
    };

    private string Words(Expr e) => e switch
    {
        NumberLit n => DanishFormat.Number(n.Value),
        StringLit s => s.Value,
        BoolLit b => b.Value ? "ja" : "nej",
        NullLit => "ingen værdi",
        Ident id => Inline(Name(id.Name).Label),
        Unary { Op: "not" } u => "ikke " + Words(u.Operand),
        Unary u => u.Op + Words(u.Operand),
        Binary b => $"{Words(b.Left)} {Operator(b.Op)} {Words(b.Right)}",
        Call c => Call(c),
        _ => "en beregnet værdi",
    };

    private static string Operator(string op) => op switch
    {
        "and" => "og",
        "or" => "eller",
        _ => op,
    };

    private string Call(Call c)
    {
        var a = c.Args.Select(Words).ToList();
        return c.Function switch
        {
            "date" when c.Args is [StringLit s] && DateOnly.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) => DanishFormat.Date(d),
            "sats" when c.Args is [StringLit key] => Inline(Sats(key.Value).Label),
            "sats" when c.Args is [StringLit key, _] => $"{Inline(Sats(key.Value).Label)} den {a[1]}",
            "satsSum" when c.Args is [StringLit key, _, _] => $"summen af {Inline(Sats(key.Value).Label)} fra {a[1]} til {a[2]}",
            "min" => "den mindste af " + DanishFormat.List(a),
            "max" => "den største af " + DanishFormat.List(a),
            "round" => $"{a[0]} afrundet",
            "floor" => $"{a[0]} rundet ned",
            "ceil" => $"{a[0]} rundet op",
            "abs" => $"{a[0]} uden fortegn",
            "if" => $"{a[1]}, hvis {a[0]}, ellers {a[2]}",
            "known" => $"{a[0]} er oplyst",
            "ageAt" => $"alderen den {a[1]} ved fødselsdato {a[0]}",
            "addDays" => $"{a[0]} plus {a[1]} dage",
            "addMonths" => $"{a[0]} plus {a[1]} måneder",
            "addYears" => $"{a[0]} plus {a[1]} år",
            "monthsBetween" => $"antal måneder fra {a[0]} til {a[1]}",
            "daysBetween" => $"antal dage fra {a[0]} til {a[1]}",
            "lookup" when c.Args is [StringLit table, _] => $"opslag i {table.Value} for {a[1]}",
            _ => $"{c.Function}({string.Join(", ", a)})",
        };
    }

    private static object? Literal(Expr e) => e switch
    {
        NumberLit n => n.Value,
        StringLit s => s.Value,
        BoolLit b => b.Value,
        _ => null,
    };

    private string Label(string name) => _scope.TryGet(name, out var s) ? s.Label : name;

    private static Dictionary<string, string>? Choices(IReadOnlyList<EnumValue>? values) =>
        values is { Count: > 0 } ? values.ToDictionary(v => v.Value, v => v.Label ?? v.Value, StringComparer.Ordinal) : null;

    private static void Visit(Test test, Action<Expr> onExpr)
    {
        void Walk(Expr e)
        {
            onExpr(e);
            switch (e)
            {
                case Unary u: Walk(u.Operand); break;
                case Binary b: Walk(b.Left); Walk(b.Right); break;
                case Call c: foreach (var a in c.Args) Walk(a); break;
            }
        }
        switch (test)
        {
            case CompareTest c: Walk(c.Value); break;
            case RangeTest r: Walk(r.Low); Walk(r.High); break;
            case AnyOfTest any: foreach (var t in any.Tests) Visit(t, onExpr); break;
            case NotTest n: Visit(n.Inner, onExpr); break;
        }
    }
}
