using Serviceloven.Engine.Versions;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;

namespace Serviceloven.Admin.Publishing;

/// <summary>
/// The full check before a version is published: it compiles, UNIQUE tables have no overlapping rows, the timeline
/// with the other published versions has no gap or overlap, every sats it uses has values over its period, every
/// test case passes, and the begrundelse templates render for every outcome (BegrundelseGate).
/// </summary>
public sealed class PublicationGate(PublishedRules published, TestRunService tests)
{
    public async Task<ValidationReport> CheckAsync(string rulesetId, RulesetVersion candidate, IReadOnlyList<TestFile> testFiles,
        IReadOnlyList<TemplateFile> templates)
    {
        var catalogs = published.Catalogs();
        var report = new ValidationReport();
        var cases = testFiles.SelectMany(f => f.Suite.Cases.Select(c => (f.Name, c))).ToList();
        var run = await tests.RunAsync(rulesetId, candidate, cases, catalogs);

        VersionValidator.CheckTimeline(rulesetId, run.Timeline, report);
        var next = run.Timeline.FirstOrDefault(v => v.ValidFrom > candidate.ValidFrom);
        // CheckVersion compiles again and adds the cell errors, UNIQUE overlaps and sats coverage in the gate's own words.
        VersionValidator.CheckVersion(rulesetId, candidate, VersionResolver.EndOf(null, next?.ValidFrom), catalogs.Satser, catalogs.Lookups, report);
        if (cases.Count == 0)
            report.Add(new ValidationIssue(Severity.Error, rulesetId, candidate.ValidFrom, "testcases", "Regelsættet har ingen testcases."));
        if (run.Candidate is { } candidateCompiled)
        {
            VersionValidator.AddTestFailures(run.Results, report);
            if (cases.Count > 0 && !run.Results.Any(r => ReferenceEquals(r.Version, candidateCompiled)))
                report.Add(new ValidationIssue(Severity.Warning, rulesetId, candidate.ValidFrom, "testcases",
                    "Ingen testcase har en afgørelsesdato i versionens periode, så versionens egne regler er ikke afprøvet."));
        }

        if (templates.Count == 0)
        {
            report.Add(new ValidationIssue(Severity.Warning, rulesetId, candidate.ValidFrom, "skabeloner",
                "Versionen har ingen begrundelsesskabeloner; evalueringer kan ikke give en begrundelse."));
        }
        else if (run.Candidate is { } cv)
        {
            var definition = published.Definition(rulesetId) ?? new RulesetDefinition { Id = rulesetId, Title = rulesetId };
            RulesCheck.CheckTemplates(definition, templates, catalogs.SharedTemplates, cv, run.Results, report);
        }
        return report;
    }
}
