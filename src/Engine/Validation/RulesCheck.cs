using Serviceloven.Engine.Versions;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Testing;

namespace Serviceloven.Engine.Validation;

/// <summary>
/// The publication gate: one set of checks for a whole rules/ folder (the CLI's validate and test) and for a draft
/// among the published versions (the admin's approval).
/// </summary>
public static class RulesCheck
{
    public sealed record RulesetRun(RulesetContent Ruleset, IReadOnlyList<CompiledVersion> Versions, IReadOnlyList<TestCaseResult> Results);

    /// <summary>Checks every version of every ruleset in the folder and runs every test case.</summary>
    public static async Task<(ValidationReport Report, IReadOnlyList<RulesetRun> Runs)> RunAsync(RulesContent content)
    {
        var report = new ValidationReport();
        var satser = new SatsCatalog(content.Satser);
        var lookups = new LookupCatalog(content.Lookups);
        var runs = new List<RulesetRun>();
        foreach (var rs in content.Rulesets)
            runs.Add(await CheckRulesetAsync(rs, [], satser, lookups, content.SharedTemplates, report));
        return (report, runs);
    }

    /// <summary>
    /// The gate for the versions of <paramref name="rs"/>: each compiles, its UNIQUE tables have no overlapping rows,
    /// every sats it uses has values over its period, and its begrundelse templates render for every outcome. Together
    /// with the <paramref name="published"/> versions beside them (compiled already and not checked again) they form a
    /// timeline without gaps or overlaps, on which every test case of the ruleset passes.
    /// </summary>
    public static async Task<RulesetRun> CheckRulesetAsync(RulesetContent rs, IReadOnlyList<CompiledVersion> published,
        SatsCatalog satser, LookupCatalog lookups, IReadOnlyList<TemplateFile> sharedTemplates, ValidationReport report)
    {
        var id = rs.Definition.Id;
        var timeline = rs.Versions.Concat(published.Select(p => p.Content)).OrderBy(v => v.ValidFrom).ToList();
        if (timeline.Count == 0)
            report.Add(new ValidationIssue(Severity.Error, id, null, "versioner", "Regelsættet har ingen versioner."));
        VersionValidator.CheckTimeline(id, timeline, report);

        var checkedVersions = new List<CompiledVersion>();
        var templateSets = new List<BegrundelseTemplates>();
        foreach (var v in rs.Versions)
        {
            var next = timeline.FirstOrDefault(t => t.ValidFrom > v.ValidFrom);
            if (VersionValidator.CheckVersion(id, v, VersionResolver.EndOf(null, next?.ValidFrom), satser, lookups, report) is { } cv)
                checkedVersions.Add(cv);
        }

        var cases = rs.Tests.SelectMany(f => f.Suite.Cases.Select(c => (f.Name, c))).ToList();
        if (cases.Count == 0)
            report.Add(new ValidationIssue(Severity.Error, id, null, "testcases", "Regelsættet har ingen testcases."));
        var compiled = checkedVersions.Concat(published).OrderBy(v => v.ValidFrom).ToList();
        // A version that does not compile is reported at its cells; the test cases then cannot run at all.
        var allCompiled = checkedVersions.Count == rs.Versions.Count;
        var results = allCompiled
            ? await TestCaseRunner.RunAsync(id, compiled, cases, satser, lookups)
            : TestCaseRunner.NotCompiled(id, cases);
        if (allCompiled) VersionValidator.AddTestFailures(results, report);

        foreach (var cv in checkedVersions)
        {
            if (cases.Count > 0 && !results.Any(r => ReferenceEquals(r.Version, cv)))
                report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "testcases",
                    "Ingen testcase har en afgørelsesdato i versionens periode, så versionens egne regler er ikke afprøvet."));
            if (rs.Templates.Count == 0)
                report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "skabeloner",
                    "Versionen har ingen begrundelsesskabeloner; evalueringer kan ikke give en begrundelse."));
            else if (CheckTemplates(rs.Definition, rs.Templates, sharedTemplates, cv, results, report) is { } parsed)
                templateSets.Add(parsed);
        }
        CheckRepetition(id, templateSets, report);
        return new RulesetRun(rs, compiled, results);
    }

    /// <summary>
    /// Shared parts, not copies: a paragraph in two templates of the ruleset (among those one version uses) is a warning
    /// naming both, once for the ruleset however many versions have it.
    /// </summary>
    private static void CheckRepetition(string id, IEnumerable<BegrundelseTemplates> sets, ValidationReport report)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
            foreach (var shared in TemplateRepetition.Find(set.Documents.Values))
            {
                if (!reported.Add(shared.Paragraph + "\u0000" + string.Join("|", shared.Templates))) continue;
                var start = shared.Paragraph.Length > 90 ? shared.Paragraph[..90] + " …" : shared.Paragraph;
                report.Add(new ValidationIssue(Severity.Warning, id, null, "skabeloner",
                    $"Samme afsnit står i {Formatting.DanishFormat.List(shared.Templates)}: »{start}«. Læg det i en delskabelon, så det kun skal rettes ét sted."));
            }
    }

    /// <summary>The begrundelse part of the gate: a template per outcome, and every test case of the version renders.</summary>
    private static BegrundelseTemplates? CheckTemplates(RulesetDefinition definition, IReadOnlyList<TemplateFile> templates, IReadOnlyList<TemplateFile> shared,
        CompiledVersion cv, IEnumerable<TestCaseResult> results, ValidationReport report)
    {
        var id = definition.Id;
        BegrundelseTemplates parsed;
        try { parsed = BegrundelseTemplates.Compile(id, cv.ValidFrom, templates, shared); }
        catch (BegrundelseException ex)
        {
            report.Add(new ValidationIssue(Severity.Error, id, cv.ValidFrom, "skabeloner", ex.Message));
            return null;
        }
        var samples = results
            .Where(r => ReferenceEquals(r.Version, cv) && r.Result is not null)
            .Select(r => new BegrundelseSample($"test {r.File}/{r.Case.Id}", r.Result!, r.Case.Notes))
            .ToList();
        foreach (var issue in BegrundelseGate.Check(parsed, cv, definition, samples))
            report.Add(new ValidationIssue(Severity.Error, id, cv.ValidFrom, "begrundelse " + issue.Where, issue.Message));
        foreach (var issue in BegrundelseGate.Readability(parsed, cv, definition, samples))
            report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "klart sprog " + issue.Where, issue.Message));
        return parsed;
    }
}
