using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Serviceloven.Engine.Compilation;
using static Serviceloven.Engine.Cells.ParameterKind;

namespace Serviceloven.Engine.Cells;

/// <summary>
/// The functions of the cell language, one entry each. The emitter, the reserved names, the "findes ikke" message
/// and the admin's help all read this table; a new function is one entry here (and its method on <see cref="Fn"/>).
/// </summary>
public static class CellFunctions
{
    private static CellParameter P(string name, ParameterKind kind, bool optional = false) => new(name, kind, optional);

    public static readonly IReadOnlyList<CellFunction> All =
    [
        new("date", [P("tekst", DateText)], ExprType.Date, null,
            "En dato, skrevet date(\"2023-10-01\").") { Special = EmitDate },
        new("min", [P("a", NumberOrDate), P("b", NumberOrDate)], null, nameof(Fn.Min),
            "Den mindste af to eller flere tal eller datoer.") { Variadic = true, Special = (e, c) => EmitFold(e, c, nameof(Fn.Min)) },
        new("max", [P("a", NumberOrDate), P("b", NumberOrDate)], null, nameof(Fn.Max),
            "Den største af to eller flere tal eller datoer.") { Variadic = true, Special = (e, c) => EmitFold(e, c, nameof(Fn.Max)) },
        new("round", [P("x", Number), P("decimaler", Decimals, optional: true)], ExprType.Number, nameof(Fn.Round),
            "Afrunder til det antal decimaler (uden: hele tal); 0,5 rundes væk fra nul."),
        new("floor", [P("x", Number)], ExprType.Number, nameof(Fn.Floor),
            "Runder ned til et helt tal."),
        new("ceil", [P("x", Number)], ExprType.Number, nameof(Fn.Ceil),
            "Runder op til et helt tal."),
        new("abs", [P("x", Number)], ExprType.Number, nameof(Fn.Abs),
            "Tallet uden fortegn."),
        new("if", [P("betingelse", Bool), P("a", Any), P("b", Any)], null, null,
            "a når betingelsen holder, ellers b; a og b skal have samme type.") { Special = EmitIf },
        new("known", [P("navn", Name)], ExprType.Bool, null,
            "Sand når et valgfrit faktum er oplyst.") { Special = EmitKnown },
        new("sats", [P("nøgle", SatsKey), P("dato", Date, optional: true)], ExprType.Number, nameof(Fn.Sats),
            "Satsens værdi på afgørelsesdatoen, eller på den angivne dato; en fejl, hvis ingen værdi gælder."),
        new("satsSum", [P("nøgle", SatsKey), P("fra", Date), P("til", Date)], ExprType.Number, nameof(Fn.SatsSum),
            "Summen over de hele måneder fra 'fra' til 'til', hver måned med satsen, der gælder den 1."),
        new("lookup", [P("nøgle", LookupKey), P("dato", Date)], ExprType.Number, nameof(Fn.Lookup),
            "Opslagstabellens værdi for datoen, i den udgave der gælder på afgørelsesdatoen."),
        new("ageAt", [P("fødselsdato", Date), P("dato", Date)], ExprType.Number, nameof(Fn.AgeAt),
            "Alder i hele år på datoen (født 29. februar: et år ældre 1. marts i år uden skuddag)."),
        new("addDays", [P("dato", Date), P("n", Number)], ExprType.Date, nameof(Fn.AddDays),
            "Datoen plus n hele dage."),
        new("addMonths", [P("dato", Date), P("n", Number)], ExprType.Date, nameof(Fn.AddMonths),
            "Datoen plus n hele måneder."),
        new("addYears", [P("dato", Date), P("n", Number)], ExprType.Date, nameof(Fn.AddYears),
            "Datoen plus n år; halve år er tilladt (66,5)."),
        new("monthsBetween", [P("a", Date), P("b", Date)], ExprType.Number, nameof(Fn.MonthsBetween),
            "Antal hele måneder fra a til b."),
        new("daysBetween", [P("a", Date), P("b", Date)], ExprType.Number, nameof(Fn.DaysBetween),
            "Antal dage fra a til b."),
    ];

    private static readonly Dictionary<string, CellFunction> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The names in table order, as the "findes ikke" message lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    public static bool TryGet(string name, [MaybeNullWhen(false)] out CellFunction function) => ByName.TryGetValue(name, out function);

    // ---------- functions that are not a plain call of an Fn method ----------

    /// <summary>A date literal, checked now and emitted as a constant.</summary>
    private static Emitted EmitDate(Emitter emitter, Call c)
    {
        if (c.Args[0] is not StringLit s ||
            !DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new CellException("date() skal have en dato som \"2023-10-01\".", c.Args[0].Pos);
        return new(ExprType.Date, $"DateOnly({d.Year}, {d.Month}, {d.Day})", d, true);
    }

    /// <summary>min and max of any number of arguments as two-argument calls nested as a balanced tree; Fn has them for numbers and dates.</summary>
    private static Emitted EmitFold(Emitter emitter, Call c, string method)
    {
        var args = c.Args.Select(emitter.Emit).ToList();
        var type = args[0].Type;
        if (type is not (ExprType.Number or ExprType.Date))
            throw new CellException($"{c.Function}() kræver tal eller datoer.", c.Args[0].Pos);
        for (var i = 1; i < args.Count; i++) Emitter.Require(args[i], type, c.Args[i], $"{c.Function}()");
        string Fold(int lo, int hi) => lo == hi ? args[lo].Code : $"Fn.{method}({Fold(lo, (lo + hi) / 2)}, {Fold((lo + hi) / 2 + 1, hi)})";
        return new(type, Fold(0, args.Count - 1));
    }

    /// <summary>iif, so only the chosen branch is evaluated (the other may need a missing value).</summary>
    private static Emitted EmitIf(Emitter emitter, Call c)
    {
        var cond = emitter.Emit(c.Args[0]);
        Emitter.Require(cond, ExprType.Bool, c.Args[0], "if()");
        var a = emitter.Emit(c.Args[1]);
        var b = emitter.Emit(c.Args[2]);
        if (a.Type != b.Type)
            throw new CellException($"if() skal give samme type i begge grene ({Emitter.Danish(a.Type)} og {Emitter.Danish(b.Type)}).", c.Pos);
        return new(a.Type, $"iif({cond.Code}, {a.Code}, {b.Code})");
    }

    /// <summary>The _has flag of a value that may be missing; a value that is always there is known.</summary>
    private static Emitted EmitKnown(Emitter emitter, Call c)
    {
        if (c.Args[0] is not Ident id || !emitter.Scope.TryGet(id.Name, out var sym))
            throw new CellException("known() skal have navnet på et faktum.", c.Args[0].Pos);
        emitter.UsedNames.Add(sym.Name);
        return new(ExprType.Bool, sym.MayBeMissing ? emitter.Prop(Emitter.HasProperty(sym.Name)) : "true");
    }
}
