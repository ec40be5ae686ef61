using Serviceloven.Engine.Versions;
using Serviceloven.Engine.Begrundelse;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Evaluation;
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
            var end = VersionResolver.EndOf(cv.Content.ValidTo, timeline.FirstOrDefault(t => t.ValidFrom > cv.ValidFrom)?.ValidFrom);
            if (cases.Count > 0 && !results.Any(r => ReferenceEquals(r.Version, cv)))
                report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "testcases",
                    $"Ingen testcase har en afgørelsesdato i versionens periode ({Formatting.DanishFormat.Period(cv.ValidFrom, end)}), " +
                    "så versionens egne regler er ikke afprøvet; testcasene har kørt på versionerne for deres egne datoer."));
            if (await CheckTemplatesAsync(rs, sharedTemplates, cv, end, cases.Select(c => c.c), results, satser, lookups, report) is { } parsed)
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

    /// <summary>
    /// The begrundelse part of the gate (and, as a warning, a template that restates a number or date the version's cells
    /// or satser define). A version that decides an outcome promises a begrundelse: it needs a template for
    /// every outcome, and the template of every outcome must render. Outcomes the version's test cases reach render on
    /// those; for the others <see cref="OutcomeSamples"/> looks for facts that reach them, starting from the ruleset's test cases.
    /// </summary>
    private static async Task<BegrundelseTemplates?> CheckTemplatesAsync(RulesetContent rs, IReadOnlyList<TemplateFile> shared, CompiledVersion cv, DateOnly? end,
        IEnumerable<TestCase> cases, IEnumerable<TestCaseResult> results, SatsCatalog satser, LookupCatalog lookups, ValidationReport report)
    {
        var id = rs.Definition.Id;
        if (rs.Templates.Count == 0)
        {
            report.Add(cv.Content.Outcome.Length == 0
                ? new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "skabeloner",
                    "Versionen har ingen begrundelsesskabeloner; evalueringer kan ikke give en begrundelse.")
                : new ValidationIssue(Severity.Error, id, cv.ValidFrom, "skabeloner",
                    $"Versionen afgør udfaldet '{cv.Content.Outcome}', men har ingen begrundelsesskabeloner; en evaluering med begrundelse ville fejle."));
            return null;
        }
        BegrundelseTemplates parsed;
        try { parsed = BegrundelseTemplates.Compile(id, cv.ValidFrom, rs.Templates, shared); }
        catch (BegrundelseException ex)
        {
            report.Add(new ValidationIssue(Severity.Error, id, cv.ValidFrom, "skabeloner", ex.Message));
            return null;
        }
        var samples = results
            .Where(r => ReferenceEquals(r.Version, cv) && r.Result is not null)
            .Select(r => new BegrundelseSample($"test {r.File}/{r.Case.Id}", r.Result!, r.Case.Notes))
            .ToList();
        var reached = samples.Where(s => s.Result.Status == EvaluationStatus.Determined).Select(s => s.Result.Outcome).OfType<string>().ToHashSet();
        var unreached = BegrundelseGate.DeclaredOutcomes(cv).Where(o => !reached.Contains(o) && parsed.ForOutcome(o) is not null).ToList();
        if (unreached.Count > 0)
        {
            bool InPeriod(DateOnly d) => d >= cv.ValidFrom && (end is null || d <= end);
            // The version's own cases first; the others' facts at the version's first day are starts too.
            var seeds = cases.OrderBy(c => InPeriod(c.DecisionDate) ? 0 : 1)
                .Select(c => (InPeriod(c.DecisionDate) ? c.DecisionDate : cv.ValidFrom,
                    (IReadOnlyDictionary<string, object?>)FactBinder.Bind(cv.Facts, c.Facts).Values.ToDictionary(x => x.Key, x => (object?)x.Value)))
                .ToList();
            var found = await OutcomeSamples.FindAsync(cv, unreached, seeds, satser, lookups);
            var notes = BegrundelseGate.ExampleNotes(cv);
            var borrowed = samples.Select(s => s.Result).Concat(found.Values.Select(s => s.Result))
                .FirstOrDefault(r => r.Status == EvaluationStatus.Determined && r.Outcome is not null);
            foreach (var o in unreached)
            {
                if (found.TryGetValue(o, out var sample))
                    samples.Add(new BegrundelseSample($"eksempelfakta for udfaldet '{o}'", sample.Result, notes));
                else if (borrowed is not null)
                    Add(BegrundelseGate.CheckBorrowed(parsed, cv, rs.Definition, o, borrowed, notes));
                else
                    report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, $"begrundelse udfald '{o}'",
                        "Ingen testcase og ingen eksempelfakta giver et afgjort resultat, så skabelonen er ikke prøvet. Tilføj en testcase med udfaldet."));
            }
        }
        Add(BegrundelseGate.Check(parsed, cv, rs.Definition, samples));
        foreach (var issue in TemplateLiterals.Check(parsed, cv, satser))
            report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "skabelon " + issue.Where, issue.Message));
        foreach (var issue in BegrundelseGate.Readability(parsed, cv, rs.Definition, samples))
            report.Add(new ValidationIssue(Severity.Warning, id, cv.ValidFrom, "klart sprog " + issue.Where, issue.Message));
        return parsed;

        void Add(IEnumerable<BegrundelseIssue> issues)
        {
            foreach (var issue in issues)
                report.Add(new ValidationIssue(issue.IsWarning ? Severity.Warning : Severity.Error, id, cv.ValidFrom, "begrundelse " + issue.Where, issue.Message));
        }
    }
}
