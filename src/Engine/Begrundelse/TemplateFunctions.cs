using System.Collections;
using System.Globalization;
using Scriban.Runtime;
using Serviceloven.Engine.Formatting;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// The Danish functions templates may call (kr, dato, periode, liste, paragraf, flertal, antal, tal, citat, bemaerkning).
/// They take the loose values Scriban passes (decimal from the model, int or double from literals, a value object
/// with a 'value' member) and refuse anything else with a Danish message, rather than printing something odd.
/// </summary>
internal static class TemplateFunctions
{
    /// <summary>Raised by bemaerkning; the renderer turns it into BegrundelseException.MissingNote for the caller.</summary>
    internal sealed class MissingNoteException(string fact, string message) : ArgumentException(message)
    {
        public string Fact { get; } = fact;
    }

    /// <summary>
    /// The functions, imported once and shared read-only by every render: importing a delegate reflects over its
    /// method, and a render that did so each time also left emitted invoke stubs for the finalizer thread.
    /// </summary>
    public static readonly ScriptObject Shared = Freeze(Create());

    /// <summary>A delegate as the function object ScriptObject.Import would make of it, to share between renders.</summary>
    public static object Function(string name, Delegate function)
    {
        var holder = new ScriptObject(1);
        holder.Import(name, function);
        return holder[name]!;
    }

    private static ScriptObject Freeze(ScriptObject functions)
    {
        functions.IsReadOnly = true;
        return functions;
    }

    private static ScriptObject Create()
    {
        var fns = new ScriptObject();
        fns.Import("kr", new Func<object?, string>(Amount));
        fns.Import("tal", new Func<object?, string>(Number));
        fns.Import("dato", new Func<object?, string>(Date));
        fns.Import("periode", new Func<object?, object?, string>(Period));
        fns.Import("liste", new Func<object?, string, string>(List));
        fns.Import("paragraf", new Func<object?, object?, object?, string, string>(Paragraph));
        fns.Import("flertal", new Func<object?, string, string, string>(Plural));
        fns.Import("antal", new Func<object?, string, string, string>(Count));
        fns.Import("citat", new Func<object?, string>(Quote));
        fns.Import("bemaerkning", new Func<object?, string>(Note));
        return fns;
    }

    public static string Amount(object? amount) => DanishFormat.Amount(ToDecimal(amount, "kr"));

    public static string Number(object? value) => DanishFormat.Number(ToDecimal(value, "tal"));

    public static string Date(object? date) => DanishFormat.Date(ToDate(date, "dato"));

    public static string Period(object? from, object? to = null) =>
        DanishFormat.PeriodText(ToDate(from, "periode"), Unwrap(to) is null ? null : ToDate(to, "periode"));

    public static string List(object? items, string conjunction = "og")
    {
        if (Unwrap(items) is not IEnumerable list || list is string or ScriptObject)
            throw new ArgumentException("liste skal have en liste af tekster, fx liste references.");
        return DanishFormat.List(list.Cast<object?>().Select(Text).Where(t => t.Length > 0), conjunction);
    }

    public static string Paragraph(object? section, object? subsection = null, object? number = null, string law = "servicelovens")
    {
        var s = Text(section);
        if (s.Length == 0) throw new ArgumentException("paragraf skal have et paragrafnummer, fx paragraf 97 1.");
        return DanishFormat.Paragraph(law, s, Text(subsection), Text(number));
    }

    public static string Plural(object? count, string singular, string plural) =>
        DanishFormat.Plural(ToDecimal(count, "flertal"), singular, plural);

    public static string Count(object? count, string singular, string plural) =>
        DanishFormat.Count(ToDecimal(count, "antal"), singular, plural);

    public static string Quote(object? text)
    {
        var t = Text(text);
        if (string.IsNullOrWhiteSpace(t)) throw new ArgumentException("citat skal have en tekst; teksten er tom.");
        return DanishFormat.Quote(t.Trim());
    }

    /// <summary>
    /// The caseworker's note on a discretionary fact, quoted. A missing note is an error naming the fact, because a
    /// skøn the decision rests on must be explained in the begrundelse (forvaltningslovens § 24, stk. 1).
    /// </summary>
    public static string Note(object? fact)
    {
        if (fact is not ScriptObject so || !so.TryGetValue("name", out var name) || !so.ContainsKey("note"))
            throw new ArgumentException("bemaerkning skal have en oplysning fra facts, fx bemaerkning facts.cannotGetAroundAlone.");
        if (so["note"] is string note && !string.IsNullOrWhiteSpace(note)) return DanishFormat.Quote(note.Trim());
        throw new MissingNoteException((string)name!,
            $"Sagsbehandlerens bemærkning til '{so["label"]}' mangler (notes.{name}). " +
            "En skønsmæssig oplysning, som afgørelsen bygger på, skal begrundes.");
    }

    /// <summary>A value object from the model ({ value, formatted, ... }) stands for its value.</summary>
    private static object? Unwrap(object? value) =>
        value is ScriptObject so && so.TryGetValue("value", out var inner) ? inner : value;

    /// <summary>
    /// Text of a list item or argument: a value object prints its formatted text. A whole object or list of the model is
    /// refused: .NET's text for it ("Scriban.Runtime.ScriptArray", 02/01/2018) must never reach a letter.
    /// </summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        ScriptObject so when so.TryGetValue("formatted", out var f) && f is string s => s,
        ScriptObject so when so.TryGetValue("value", out var v) => Text(v),
        string s => s,
        bool or decimal or DateOnly => DanishFormat.Value(value),
        double d when double.IsFinite(d) => DanishFormat.Value((decimal)d),
        int or long => DanishFormat.Value(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
        ScriptObject => throw new ArgumentException("Værdien er et objekt med flere felter; skriv det felt, der skal stå i brevet (fx ruleset.title)."),
        IEnumerable => throw new ArgumentException("Værdien er en liste; skriv den med liste."),
        _ => throw new ArgumentException("Værdien kan ikke skrives i et brev; brug en tekst, et tal eller en dato."),
    };

    private static decimal ToDecimal(object? value, string function) => Unwrap(value) switch
    {
        decimal d => d,
        int i => i,
        long l => l,
        double d when double.IsFinite(d) => (decimal)d,
        float f when float.IsFinite(f) => (decimal)f,
        null => throw new ArgumentException($"{function} fik ingen værdi (værdien mangler)."),
        var other => throw new ArgumentException($"{function} skal have et tal, men fik '{other}'."),
    };

    private static DateOnly ToDate(object? value, string function) => Unwrap(value) switch
    {
        DateOnly d => d,
        string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        null => throw new ArgumentException($"{function} fik ingen dato (værdien mangler)."),
        var other => throw new ArgumentException($"{function} skal have en dato (fx decisionDate eller \"2024-03-01\"), men fik '{other}'."),
    };
}
