using Serviceloven.Engine.Formatting;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using Serviceloven.Engine.Validation;
using Serviceloven.Engine.Versions;
using Serviceloven.Runtime.Snapshots;

namespace Serviceloven.Admin.Publishing;

/// <summary>
/// The full check before a version is published: the same gate as the CLI's validate (RulesCheck), for the draft in
/// place of the published version of its validFrom, beside the other published versions as the runtime holds them.
/// </summary>
public sealed class PublicationGate(PublishedRules published, SnapshotHolder snapshots)
{
    public async Task<ValidationReport> CheckAsync(string rulesetId, RulesetVersion candidate, IReadOnlyList<TestFile> testFiles,
        IReadOnlyList<TemplateFile> templates)
    {
        var catalogs = published.Catalogs();
        var definition = published.Definition(rulesetId) ?? new RulesetDefinition { Id = rulesetId, Title = rulesetId };
        var beside = snapshots.Current.PublishedBeside(rulesetId, candidate.ValidFrom).Select(v => v.Compiled).ToList();
        var report = new ValidationReport();
        await RulesCheck.CheckRulesetAsync(new RulesetContent(definition, [candidate], testFiles, templates), beside,
            catalogs.Satser, catalogs.Lookups, catalogs.SharedTemplates, report);
        CheckCasesInPeriod(rulesetId, candidate, beside, testFiles, report);
        return report;
    }

    /// <summary>
    /// Test cases run on the version valid on their own date, so a draft whose period no case falls in has passed
    /// tests that never ran on it. That is worth a warning, not a refusal: the impact preview runs every case in it.
    /// </summary>
    internal static void CheckCasesInPeriod(string rulesetId, RulesetVersion candidate, IReadOnlyList<Engine.Compilation.CompiledVersion> beside,
        IReadOnlyList<TestFile> testFiles, ValidationReport report)
    {
        var end = VersionResolver.EndOf(candidate.ValidTo, beside.Select(v => v.ValidFrom).Where(d => d > candidate.ValidFrom).Order().Cast<DateOnly?>().FirstOrDefault());
        var inPeriod = testFiles.SelectMany(f => f.Suite.Cases).Count(c => c.DecisionDate >= candidate.ValidFrom && (end is null || c.DecisionDate <= end));
        if (inPeriod == 0)
            report.Add(new ValidationIssue(Severity.Warning, rulesetId, candidate.ValidFrom, "testcases",
                $"Ingen testcase har en afgørelsesdato i versionens periode ({DanishFormat.Period(candidate.ValidFrom, end)}), så testkørslen har ikke prøvet " +
                "denne version. Tilføj en testcase i perioden, eller se fanen Virkning, hvor alle testcases køres med datoen flyttet ind i perioden."));
    }
}
