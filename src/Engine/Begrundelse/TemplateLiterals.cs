using System.Globalization;
using System.Text.RegularExpressions;
using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Engine.Begrundelse;

/// <summary>
/// A gate warning against a letter that contradicts its rule: a template whose own text states a number or a date that
/// the version's cells or satser define (the age 18 of R97-04 in "søg igen, når du er fyldt 18 år"). When the rule
/// changes, such a text does not; the value belongs in the template from the model (rows, satser), so it follows.
/// Numbers that are part of a legal reference (§ 97, stk. 1, pkt. 12, principafgørelse 95-16) are not amounts and are left alone.
/// </summary>
public static partial class TemplateLiterals
{
    public static IReadOnlyList<BegrundelseIssue> Check(BegrundelseTemplates templates, CompiledVersion version, SatsCatalog satser)
    {
        var defined = Defined(version, satser);
        var issues = new List<BegrundelseIssue>();
        if (defined.Count == 0) return issues;
        foreach (var template in templates.OwnTemplates)
            foreach (var (line, literal, value, nextWord) in Literals(template.Text))
            {
                if (!defined.TryGetValue(value, out var sources)) continue;
                var matching = sources.Where(s => SameKind(s.Unit, nextWord)).Select(s => s.Where).Distinct().ToList();
                if (matching.Count == 0) continue;
                issues.Add(new BegrundelseIssue($"{template.SourcePath}, linje {line}",
                    $"Teksten skriver {literal}, som versionen selv fastsætter ({DanishFormat.List(matching.Take(4))}{(matching.Count > 4 ? " m.fl." : "")}). " +
                    "Hent værdien fra modellen (fx rows[\"R97-04\"].when.age.value eller (satsvaerdi \"nøgle\").amount), så begrundelsen følger reglen, når den ændres."));
            }
        return issues;
    }

    /// <summary>
    /// Whether a number in the text can be the defined one: "14 uger" is not the 14 days of addDays(x, 14). A number
    /// followed by no unit word, or defined without a unit, may be either.
    /// </summary>
    private static bool SameKind(string? unit, string? nextWord)
    {
        var written = UnitStem(nextWord);
        var defined = UnitStem(unit?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault());
        return written is null || defined is null || written == defined;
    }

    private static string? UnitStem(string? word) => word?.ToLowerInvariant().TrimEnd('.', ',') switch
    {
        "år" or "års" => "år",
        "time" or "timer" or "timers" => "time",
        "uge" or "uger" or "ugers" => "uge",
        "dag" or "dage" or "dages" or "døgn" => "dag",
        "måned" or "måneder" or "måneds" or "måneders" => "måned",
        "kr" or "kroner" => "kr",
        "procent" or "pct" or "%" => "procent",
        _ => null,
    };

    /// <summary>The numbers and dates written in the version's cells and the values of the satser it uses: where each comes from, in what unit.</summary>
    internal static Dictionary<object, List<(string Where, string? Unit)>> Defined(CompiledVersion version, SatsCatalog satser)
    {
        var content = version.Content;
        var units = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var f in content.Facts) units[f.Name] = f.Unit;
        foreach (var d in content.Derived) units[d.Name] = d.Unit;
        foreach (var o in content.Tables.SelectMany(t => t.Outputs)) units.TryAdd(o.Name, o.Unit);
        var defined = new Dictionary<object, List<(string, string?)>>();
        void Add(object value, string where, string? unit)
        {
            if (!defined.TryGetValue(value, out var list)) defined[value] = list = [];
            if (!list.Contains((where, unit))) list.Add((where, unit));
        }
        foreach (var table in content.Tables)
        {
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < row.When.Count && i < table.Inputs.Count; i++)
                    foreach (var (value, unit) in InputLiterals(row.When[i], units.GetValueOrDefault(table.Inputs[i].Name))) Add(value, $"række {row.Id}", unit);
                for (var i = 0; i < row.Then.Count && i < table.Outputs.Count; i++)
                    foreach (var (value, unit) in OutputLiterals(row.Then[i], table.Outputs[i].Unit)) Add(value, $"række {row.Id}", unit);
            }
            if (table.Default is { } cells)
                for (var i = 0; i < cells.Count && i < table.Outputs.Count; i++)
                    foreach (var (value, unit) in OutputLiterals(cells[i], table.Outputs[i].Unit)) Add(value, $"tabel {table.Id}", unit);
        }
        foreach (var key in version.UsedSats)
            if (satser.Get(key) is { } series)
                foreach (var v in series.Values.Where(v => v.Value is not (0m or 1m))) Add(Normal(v.Value), $"satsen {key}", series.Unit);
        return defined;
    }

    private static IEnumerable<(object, string?)> InputLiterals(string cell, string? unit)
    {
        Test test;
        try { test = CellParser.ParseInput(cell); }
        catch (CellException) { yield break; }
        foreach (var e in RuleCells.Exprs(test))
            foreach (var v in Values(e, unit)) yield return v;
    }

    private static IEnumerable<(object, string?)> OutputLiterals(string cell, string? unit)
    {
        Expr e;
        try { e = CellParser.ParseExpression(cell); }
        catch (CellException) { yield break; }
        foreach (var v in Values(e, unit)) yield return v;
    }

    /// <summary>
    /// Every number and date literal inside an expression with its unit: the column's, or the period a date function
    /// adds (the 14 of addDays(x, 14) is days). 0 and 1 are too common in prose to mean anything.
    /// </summary>
    private static IEnumerable<(object, string?)> Values(Expr e, string? unit)
    {
        switch (e)
        {
            case NumberLit n when n.Value is not (0m or 1m):
                yield return (Normal(n.Value), unit);
                break;
            case Call { Function: "date", Args: [StringLit s] } when DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                yield return (d, null);
                break;
            case Call { Function: "addDays" or "addMonths" or "addYears", Args: [var date, var amount] } c:
                var period = c.Function switch { "addDays" => "dage", "addMonths" => "måneder", _ => "år" };
                foreach (var v in Values(date, null).Concat(Values(amount, period))) yield return v;
                break;
            case Call c:
                foreach (var v in c.Args.SelectMany(a => Values(a, unit))) yield return v;
                break;
            case Unary u:
                foreach (var v in Values(u.Operand, unit)) yield return v;
                break;
            case Binary b:
                foreach (var v in Values(b.Left, unit).Concat(Values(b.Right, unit))) yield return v;
                break;
            case Where w:
                foreach (var v in Values(w.Source, unit).Concat(Values(w.Condition, null))) yield return v;
                break;
        }
    }

    /// <summary>15 and 15.00 are the same number.</summary>
    private static decimal Normal(decimal d) => d / 1.000000000000000000000000000000000m;

    /// <summary>The numbers and dates in a template's own text (outside {{ }}), with their line, as written and as values.</summary>
    internal static IEnumerable<(int Line, string Literal, object Value, string? NextWord)> Literals(string text)
    {
        foreach (Match raw in RawText().Matches(text))
        {
            if (raw.Length == 0) continue;
            var segment = raw.Value;
            var taken = new List<(int From, int To)>();
            foreach (Match m in DanishDate().Matches(segment))
            {
                taken.Add((m.Index, m.Index + m.Length));
                var month = Array.IndexOf(Months, m.Groups[2].Value.ToLowerInvariant()) + 1;
                if (month > 0 && DateOnly.TryParseExact($"{int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture):0000}-{month:00}-{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture):00}",
                        "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    yield return (Line(text, raw.Index + m.Index), m.Value, d, null);
            }
            foreach (Match m in NumericDate().Matches(segment))
            {
                taken.Add((m.Index, m.Index + m.Length));
                if (DateOnly.TryParseExact(m.Value, ["dd-MM-yyyy", "yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    yield return (Line(text, raw.Index + m.Index), m.Value, d, null);
            }
            foreach (Match m in Number().Matches(segment))
            {
                if (taken.Any(t => m.Index < t.To && m.Index + m.Length > t.From)) continue;
                if (IsReference(segment, m)) continue;
                var invariant = m.Value.Replace(".", "").Replace(',', '.');
                if (decimal.TryParse(invariant, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                    yield return (Line(text, raw.Index + m.Index), m.Value, Normal(value), NextWord().Match(segment, m.Index + m.Length) is { Success: true } w ? w.Groups[1].Value : null);
            }
        }
    }

    /// <summary>Part of a legal reference rather than an amount: after §, stk., pkt., nr., a principafgørelse ..., or inside "95-16".</summary>
    private static bool IsReference(string segment, Match m)
    {
        var end = m.Index + m.Length;
        if (m.Index > 0 && segment[m.Index - 1] is '-' or '/' || end < segment.Length - 1 && segment[end] is '-' or '/' && char.IsLetterOrDigit(segment[end + 1]))
            return true;
        if (Ordinal().IsMatch(segment[end..])) return true;
        var before = segment[Math.Max(0, m.Index - 80)..m.Index];
        return ReferenceBefore().IsMatch(before);
    }

    private static int Line(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < text.Length; i++) if (text[i] == '\n') line++;
        return line;
    }

    private static readonly string[] Months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <summary>Text outside {{ ... }}: what the template writes as it stands.</summary>
    [GeneratedRegex(@"(?<=^|\}\})(?:(?!\{\{).)*", RegexOptions.Singleline)]
    private static partial Regex RawText();

    [GeneratedRegex(@"\b(\d{1,2})\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) (\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex DanishDate();

    [GeneratedRegex(@"\b(?:\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\G\s*(%|[\p{L}.]+)")]
    private static partial Regex NextWord();

    [GeneratedRegex(@"(?<![\d.,])\d+(?:\.\d{3})*(?:,\d+)?(?![\d])")]
    private static partial Regex Number();

    /// <summary>"1. pkt.", "2. stk.", "3. led": an ordinal of a reference; "1. januar": a day without a year.</summary>
    [GeneratedRegex(@"^\.\s*(?:pkt|punktum|stk|led|januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    /// <summary>A reference word, possibly followed by a list of other numbers ("pkt. 2, 8, 10 og"), right before the number.</summary>
    [GeneratedRegex(@"(?:§§?|\bstk\.|\bpkt\.|\bnr\.|\bpunkt(?:erne|et)?|\bafsnit|\bkapitel|\bprincipafgørelse(?:rne)?|\bprincipmeddelelse|\bbekendtgørelse|\bbek\.|\blov|\bl\.|\bbilag|\blitra|\bartikel|\bside)\s*(?:[\dA-Za-z][\w\-]*\.?\s*(?:,\s*|\s+og\s+|\s+eller\s+|\s*[-–]\s*|\s+til\s+)+)*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceBefore();
}
