using Serviceloven.Engine.Cells;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Testing;

namespace Serviceloven.Engine.Validation;

/// <summary>
/// The gate a version meets before it is published: every cell compiles; UNIQUE tables have no rows that can both
/// match (where decidable from the cells); every sats and lookup it uses has values over the dates it covers; every
/// test case of the ruleset that falls in its period passes. Across versions: no gaps and no overlaps.
/// </summary>
public static class VersionValidator
{
    /// <summary>Compiles and checks one version; returns the compiled version when it compiles.</summary>
    public static CompiledVersion? CheckVersion(string rulesetId, RulesetVersion version, DateOnly? periodEnd,
        SatsCatalog satser, LookupCatalog lookups, ValidationReport report)
    {
        CompiledVersion cv;
        try { cv = VersionCompiler.Compile(rulesetId, version, satser, lookups); }
        catch (VersionCompilationException ex)
        {
            foreach (var e in ex.Errors)
                report.Add(new ValidationIssue(Severity.Error, rulesetId, version.ValidFrom,
                    $"{e.Table}/{e.Row}/{e.Column}, tegn {e.Position + 1}", $"{e.Message} (celle: {e.CellExcerpt})"));
            return null;
        }
        CheckUniqueOverlaps(rulesetId, version, report);
        CheckSatsCoverage(rulesetId, version, periodEnd, cv, satser, lookups, report);
        return cv;
    }

    public static void CheckUniqueOverlaps(string rulesetId, RulesetVersion version, ValidationReport report)
    {
        var kinds = version.Facts.ToDictionary(f => f.Name, f => f.Type);
        foreach (var d in version.Derived) kinds[d.Name] = d.Type;
        foreach (var t in version.Tables) foreach (var o in t.Outputs) kinds.TryAdd(o.Name, o.Type);
        foreach (var table in version.Tables.Where(t => t.HitPolicy == HitPolicy.Unique))
        {
            var domains = table.Rows.Select(r => r.When.Select((cell, i) =>
            {
                var d = CellDomain.Of(CellParser.ParseInput(cell));
                // Whole numbers and dates (whole days, compared as day numbers) have no value between n and n + 1.
                return kinds.GetValueOrDefault(table.Inputs[i].Name) is ValueKind.Int or ValueKind.Date ? d.ForIntegers() : d;
            }).ToList()).ToList();
            for (var a = 0; a < table.Rows.Count; a++)
                for (var b = a + 1; b < table.Rows.Count; b++)
                {
                    var overlap = true;
                    for (var c = 0; c < table.Inputs.Count && overlap; c++)
                        overlap = CellDomain.Overlaps(domains[a][c], domains[b][c]) is not false;
                    var decided = Enumerable.Range(0, table.Inputs.Count)
                        .All(c => CellDomain.Overlaps(domains[a][c], domains[b][c]) is not null);
                    if (overlap && decided)
                        report.Add(new ValidationIssue(Severity.Error, rulesetId, version.ValidFrom, table.Id,
                            $"Tabellen har hit policy UNIQUE, men rækkerne {table.Rows[a].Id} og {table.Rows[b].Id} kan passe på samme tid."));
                }
        }
    }

    private static void CheckSatsCoverage(string rulesetId, RulesetVersion version, DateOnly? periodEnd, CompiledVersion cv,
        SatsCatalog satser, LookupCatalog lookups, ValidationReport report)
    {
        var from = version.ValidFrom;
        var to = version.ValidTo ?? periodEnd;
        var period = DanishFormat.Period(from, to);
        foreach (var key in cv.UsedSats.Order(StringComparer.Ordinal))
        {
            var series = satser.Get(key)!;
            var values = series.Values.OrderBy(v => v.ValidFrom).ToList();
            if (values.Count == 0)
            {
                report.Add(new ValidationIssue(Severity.Warning, rulesetId, from, key,
                    $"Satsen '{key}' har ingen værdier; kilderne angiver ikke beløbet, så det skal indtastes af juridisk personale. Afgørelser der bruger den giver fejl indtil da."));
                continue;
            }
            // Years between two entered values may stay without a value: legal staff enter the amount they know for the
            // year they need. Like a missing value at the ends, that is a warning naming the years; an evaluation that
            // needs one of them fails with the sats and the date named.
            for (var i = 0; i + 1 < values.Count; i++)
            {
                if (values[i].ValidTo is not { } end || end.AddDays(1) >= values[i + 1].ValidFrom) continue;
                var gapFrom = end.AddDays(1);
                var gapTo = values[i + 1].ValidFrom.AddDays(-1);
                if (gapTo >= from && (to is null || gapFrom <= to))
                    report.Add(new ValidationIssue(Severity.Warning, rulesetId, from, key,
                        $"Satsen '{key}' har ingen værdi {DanishFormat.Period(gapFrom, gapTo)} inden for versionens periode ({period}); afgørelser i den periode, der bruger satsen, giver fejl, indtil værdien er indtastet."));
            }
            // Before the first or after the last value the sources give no amount: a warning, shown as "needs attention".
            if (values[0].ValidFrom > from)
                report.Add(new ValidationIssue(Severity.Warning, rulesetId, from, key,
                    $"Satsen '{key}' har først en værdi fra {DanishFormat.Date(values[0].ValidFrom)}; versionen gælder {period}."));
            if (values[^1].ValidTo is { } last && (to is null || last < to))
                report.Add(new ValidationIssue(Severity.Warning, rulesetId, from, key,
                    $"Satsen '{key}' har ingen værdi efter {DanishFormat.Date(last)}; versionen gælder {period}."));
        }
        foreach (var key in cv.UsedLookups)
            if (lookups.EditionOn(key, from) is null)
                report.Add(new ValidationIssue(Severity.Error, rulesetId, from, key,
                    $"Opslagstabellen '{key}' har ingen udgave gældende fra {DanishFormat.Date(from)}."));
    }

    /// <summary>No gaps and no overlaps between a ruleset's versions.</summary>
    public static void CheckTimeline(string rulesetId, IReadOnlyList<RulesetVersion> versions, ValidationReport report)
    {
        var ordered = versions.OrderBy(v => v.ValidFrom).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var v = ordered[i];
            if (v.ValidTo is { } end && end < v.ValidFrom)
                report.Add(new ValidationIssue(Severity.Error, rulesetId, v.ValidFrom, "tidslinje", "Versionen slutter før den begynder."));
            if (i + 1 >= ordered.Count) continue;
            var next = ordered[i + 1];
            if (next.ValidFrom == v.ValidFrom)
                report.Add(new ValidationIssue(Severity.Error, rulesetId, v.ValidFrom, "tidslinje",
                    $"To versioner gælder fra samme dag ({DanishFormat.Date(v.ValidFrom)})."));
            else if (v.ValidTo is { } to && to >= next.ValidFrom)
                report.Add(new ValidationIssue(Severity.Error, rulesetId, v.ValidFrom, "tidslinje",
                    $"Versionen gælder til {DanishFormat.Date(to)} og overlapper versionen fra {DanishFormat.Date(next.ValidFrom)}."));
            else if (v.ValidTo is { } to2 && to2.AddDays(1) < next.ValidFrom)
                report.Add(new ValidationIssue(Severity.Error, rulesetId, v.ValidFrom, "tidslinje",
                    $"Hul i tidslinjen: ingen version gælder {DanishFormat.Period(to2.AddDays(1), next.ValidFrom.AddDays(-1))}."));
        }
    }

    /// <summary>Adds the failures of test cases as errors of the version they ran against.</summary>
    public static void AddTestFailures(IEnumerable<TestCaseResult> results, ValidationReport report)
    {
        foreach (var r in results.Where(r => !r.Passed))
            report.Add(new ValidationIssue(Severity.Error, r.RulesetId, r.Version?.ValidFrom, $"test {r.File}/{r.Case.Id}",
                string.Join("; ", r.Failures)));
    }
}
